package io.lcpr.reconcile.invoice;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/invoices")
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {
    private final InvoiceService service;

    public InvoiceResource(InvoiceService service) {
        this.service = service;
    }

    /** A total typed in for a provider account and period (no lines to explain it by). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public InvoiceService.ImportResult record(InvoiceService.InvoiceRequest request) {
        return service.recordTotal(request);
    }

    /**
     * A provider bill as its file or payload ({@code format}: focus, openai-costs, openai-usage,
     * anthropic-cost-report, anthropic-usage, csv): 201 when new, 200 when the same file was imported before, 400
     * naming line and column when any line is bad. The body is spooled to a temporary file, so its size is bounded
     * by disk, not heap.
     */
    @POST
    @Path("/imports")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM })
    public Response importFile(InputStream body, @QueryParam("format") String format,
            @QueryParam("provider") String provider, @QueryParam("billing_account") String account,
            @QueryParam("file_name") String fileName) throws IOException {
        InvoiceFormat f = InvoiceFormat.of(format);
        java.nio.file.Path spool = Files.createTempFile("invoice-import-", ".part");
        try {
            Files.copy(body, spool, StandardCopyOption.REPLACE_EXISTING);
            InvoiceService.ImportResult result = service.importFile(f, new InvoiceImportContext(provider, account),
                    fileName, spool);
            return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                    .header("Location", "/api/invoices/imports/" + result.importId()).entity(result).build();
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @GET
    @Path("/imports/{id}")
    public InvoiceService.ImportResult find(@PathParam("id") UUID id) {
        return service.find(id).orElseThrow(() -> new NotFoundException("no invoice import " + id));
    }

    /** The file as it came, for audit. */
    @GET
    @Path("/imports/{id}/original")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public byte[] original(@PathParam("id") UUID id) {
        return service.original(id).orElseThrow(() -> new NotFoundException("no invoice import " + id));
    }

    @ServerExceptionMapper
    public Response refused(InvoiceFileException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("line", e.line());
        body.put("column", e.column());
        return Response.status(Response.Status.BAD_REQUEST).entity(body).build();
    }
}
