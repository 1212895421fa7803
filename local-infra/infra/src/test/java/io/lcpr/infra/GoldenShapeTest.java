package io.lcpr.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.lcpr.events.EventJson;

class GoldenShapeTest {
    static List<String> diff(String golden, String published, String... maps) throws Exception {
        return GoldenShape.differences(EventJson.MAPPER.readTree(golden), EventJson.MAPPER.readTree(published),
                Set.of(maps));
    }

    @Test
    void sameFieldsAndTypesPassWhateverTheValues() throws Exception {
        assertEquals(List.of(), diff("{\"a\":1,\"b\":\"x\",\"c\":[{\"d\":true}]}",
                "{\"a\":2,\"b\":\"y\",\"c\":[{\"d\":false},{\"d\":true}]}"));
        assertEquals(List.of(), diff("{\"a\":1,\"opt\":\"x\"}", "{\"a\":1}"), "an optional field left out");
    }

    @Test
    void renamedRetypedAndUnknownFieldsAreNamed() throws Exception {
        assertEquals(List.of("$.c[0].d: golden BOOLEAN, published STRING", "$.e: not in the golden file"),
                diff("{\"a\":1,\"c\":[{\"d\":true}]}", "{\"a\":1,\"c\":[{\"d\":\"yes\"}],\"e\":3}"));
        assertEquals(List.of("$.a: golden NUMBER, published STRING"), diff("{\"a\":1}", "{\"a\":\"1\"}"));
    }

    @Test
    void mapFieldsCompareValueTypesNotKeys() throws Exception {
        assertEquals(List.of(), diff("{\"byTeam\":{\"a\":1.5}}", "{\"byTeam\":{\"x\":2,\"y\":3}}", "byTeam"));
        assertEquals(List.of("$.byTeam.x: golden values are NUMBER, published STRING"),
                diff("{\"byTeam\":{\"a\":1.5}}", "{\"byTeam\":{\"x\":\"2\"}}", "byTeam"));
    }

    @Test
    void figuresCompareNumbersByValue() throws Exception {
        GoldenShape.assertSameFigures(EventJson.MAPPER.readTree("{\"p\":1.80,\"n\":[8]}"),
                EventJson.MAPPER.readTree("{\"p\":1.800000000000,\"n\":[8.0]}"), "same");
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> GoldenShape.assertSameFigures(
                EventJson.MAPPER.readTree("{\"p\":1.80}"), EventJson.MAPPER.readTree("{\"p\":1.81}"), "differ"));
    }
}
