package io.lcpr.ingest.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

/**
 * Reads an OTLP {@code ExportTraceServiceRequest} in protobuf wire format, only the fields costing needs, without
 * generated classes (nothing to register for native images). Field numbers are those of
 * opentelemetry/proto/trace/v1/trace.proto and common/v1/common.proto; unknown fields are skipped.
 */
final class OtlpProtobuf {
    private static final HexFormat HEX = HexFormat.of();

    private OtlpProtobuf() {
    }

    static List<GenAiSpanMapper.Span> spans(InputStream body) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        in.setSizeLimit(Integer.MAX_VALUE);
        List<GenAiSpanMapper.Span> spans = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == 1) { // resource_spans
                int limit = in.pushLimit(in.readRawVarint32());
                resourceSpans(in, spans);
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return spans;
    }

    private static void resourceSpans(CodedInputStream in, List<GenAiSpanMapper.Span> out) throws IOException {
        Map<String, Object> resource = new HashMap<>();
        List<byte[]> scopeSpans = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> { // resource
                    int limit = in.pushLimit(in.readRawVarint32());
                    int t;
                    while ((t = in.readTag()) != 0) {
                        if (WireFormat.getTagFieldNumber(t) == 1) {
                            keyValue(in, resource);
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                }
                case 2 -> scopeSpans.add(in.readByteArray()); // the resource may come after its spans
                default -> in.skipField(tag);
            }
        }
        for (byte[] scope : scopeSpans) {
            CodedInputStream s = CodedInputStream.newInstance(scope);
            int t;
            while ((t = s.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(t) == 2) { // spans
                    int limit = s.pushLimit(s.readRawVarint32());
                    out.add(span(s, resource));
                    s.popLimit(limit);
                } else {
                    s.skipField(t);
                }
            }
        }
    }

    private static GenAiSpanMapper.Span span(CodedInputStream in, Map<String, Object> resource) throws IOException {
        String traceId = null;
        String spanId = null;
        long start = 0;
        long end = 0;
        int status = 0;
        Map<String, Object> attributes = new HashMap<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> traceId = HEX.formatHex(in.readByteArray());
                case 2 -> spanId = HEX.formatHex(in.readByteArray());
                case 7 -> start = in.readFixed64();
                case 8 -> end = in.readFixed64();
                case 9 -> keyValue(in, attributes);
                case 15 -> { // status
                    int limit = in.pushLimit(in.readRawVarint32());
                    int t;
                    while ((t = in.readTag()) != 0) {
                        if (WireFormat.getTagFieldNumber(t) == 3) {
                            status = in.readEnum();
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                }
                default -> in.skipField(tag);
            }
        }
        return new GenAiSpanMapper.Span(traceId, spanId, start, end, status, attributes, resource);
    }

    private static void keyValue(CodedInputStream in, Map<String, Object> into) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        String key = null;
        Object value = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> key = in.readStringRequireUtf8();
                case 2 -> {
                    int l = in.pushLimit(in.readRawVarint32());
                    value = anyValue(in, 0);
                    in.popLimit(l);
                }
                default -> in.skipField(tag);
            }
        }
        in.popLimit(limit);
        if (key != null && value != null) {
            into.put(key, value);
        }
    }

    /** Arrays nested deeper than this in one attribute value are refused (20,000 deep overflowed the stack). */
    static final int MAX_VALUE_DEPTH = 32;

    private static Object anyValue(CodedInputStream in, int depth) throws IOException {
        if (depth > MAX_VALUE_DEPTH) {
            throw new com.google.protobuf.InvalidProtocolBufferException("an attribute value nests arrays deeper than "
                    + MAX_VALUE_DEPTH);
        }
        Object value = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> value = in.readStringRequireUtf8();
                case 2 -> value = in.readBool();
                case 3 -> value = in.readInt64();
                case 4 -> value = in.readDouble();
                case 5 -> { // array_value { repeated AnyValue values = 1; }
                    int limit = in.pushLimit(in.readRawVarint32());
                    List<Object> values = new ArrayList<>();
                    int t;
                    while ((t = in.readTag()) != 0) {
                        if (WireFormat.getTagFieldNumber(t) == 1) {
                            int l = in.pushLimit(in.readRawVarint32());
                            values.add(anyValue(in, depth + 1));
                            in.popLimit(l);
                        } else {
                            in.skipField(t);
                        }
                    }
                    in.popLimit(limit);
                    value = values;
                }
                default -> in.skipField(tag);
            }
        }
        return value;
    }

    /** ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1 { int64 rejected_spans = 1; string error_message = 2; } } */
    static byte[] response(int rejected, String message) throws IOException {
        if (rejected == 0) {
            return new byte[0];
        }
        int inner = CodedOutputStream.computeInt64Size(1, rejected) + CodedOutputStream.computeStringSize(2, message);
        byte[] out = new byte[CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(inner) + inner];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        o.writeTag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        o.writeUInt32NoTag(inner);
        o.writeInt64(1, rejected);
        o.writeString(2, message);
        o.flush();
        return out;
    }
}
