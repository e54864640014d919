package io.leadgate.admin;

import io.leadgate.access.Role;
import io.leadgate.common.Problem;
import io.leadgate.leads.BacktestReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.LocalDate;

/** Backtests for pipelines and the studio: a draft or version of a form replayed on past leads, changing nothing. */
@Path("/api/forms/{formId}/backtests")
@SecurityRequirement(name = "token")
@RolesAllowed({Role.ADMIN_NAME, Role.MARKETER_NAME})
public class BacktestApiResource {

    /**
     * What to backtest: {@code candidate} is "draft" (the default) or a version number; the period's dates are
     * inclusive and optional; {@code offset} and {@code limit} page the changed leads (50 by default, at most 500).
     */
    public record BacktestRequest(String candidate, LocalDate from, LocalDate to, Integer offset, Integer limit) {}

    private final BacktestCandidates candidates;

    BacktestApiResource(BacktestCandidates candidates) {
        this.candidates = candidates;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Backtest a draft or version on past leads",
            description = "Replays every lead of the form that answered it in the period under the published form and"
                    + " under the candidate, exactly as the live engine scores (answers merged across a lead's"
                    + " submissions, each ageing from its own time). Returns verdict moves with a page of the leads"
                    + " behind them, closed deals by where each form sends them (won revenue kept, delayed, dropped;"
                    + " lost deals; qualified win rate) and qualified leads per week. Changes nothing. 422 for an"
                    + " unknown version, a draft with problems, or a period that ends before it starts or lies outside"
                    + " 2000-2100; 429 while two backtests are running already.")
    public Response run(@PathParam("formId") String formId, BacktestRequest request) {
        BacktestRequest asked = request == null ? new BacktestRequest(null, null, null, null, null) : request;
        try {
            BacktestReport report = candidates.run(
                    formId,
                    asked.candidate(),
                    asked.from(),
                    asked.to(),
                    asked.offset() == null ? 0 : asked.offset(),
                    asked.limit() == null ? 50 : asked.limit(),
                    (done, total) -> {});
            return Response.ok(report).build();
        } catch (BacktestCandidates.Refused refused) {
            return Problem.of(422, "Cannot backtest", refused.getMessage()).response();
        } catch (BacktestCandidates.Busy busy) {
            return Response.fromResponse(
                            Problem.of(429, "Busy", busy.getMessage()).response())
                    .header("Retry-After", "60")
                    .build();
        }
    }
}
