package io.leadgate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.leadgate.common.Problem;
import io.leadgate.leads.ConfirmationLimitException;
import io.leadgate.leads.InvalidAnswersException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Turns failures of the JSON API into problem documents; 5xx are logged at error, 4xx at debug. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response invalidAnswers(InvalidAnswersException e) {
        LOG.debugf("Submission refused: %d answer(s)", e.errors().size());
        return new Problem(
                        "about:blank",
                        "Answers refused",
                        422,
                        "Some answers break the form's rules; nothing was stored.",
                        e.errors().stream()
                                .map(err -> new Problem.FieldError(err.question(), err.message(e.language())))
                                .toList())
                .response();
    }

    @ServerExceptionMapper
    public Response confirmationLimit(ConfirmationLimitException e) {
        return Response.fromResponse(Problem.of(
                                429,
                                "Too many confirmation emails",
                                "This address already waits on several confirmation links from the last day; nothing"
                                        + " was stored or sent. Each link shows its answers and can confirm or delete"
                                        + " them; deleting one frees a place. Or try again tomorrow.")
                        .response())
                .header("Retry-After", "86400")
                .build();
    }

    /** A database that cannot be reached means nothing was stored: say so, and when to try again. */
    @ServerExceptionMapper
    public Response storage(PersistenceException e) {
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getClass().getSimpleName());
            return Response.fromResponse(Problem.of(
                                    503, "Temporarily unavailable", "Nothing was stored. Please try again in a moment.")
                            .response())
                    .header("Retry-After", "30")
                    .build();
        }
        LOG.error("Storage failure", e);
        return Problem.of(500, "Internal error", "Nothing was stored. The error has been logged.")
                .response();
    }

    /**
     * Connection failures (08), a database shutting down (57P), and a statement cancelled by its timeout (57014) or
     * refused a lock in time (55P03): the database is too slow or gone right now, and the client may try again.
     */
    private static boolean unavailable(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("57P")
                        || state.equals("57014")
                        || state.equals("55P03"));
    }

    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof ConnectException
                    || cause instanceof JDBCConnectionException
                    || (cause instanceof SQLException sql && unavailable(sql.getSQLState()))
                    || String.valueOf(cause.getMessage()).toLowerCase().contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response unsupportedType(NotSupportedException e) {
        return Problem.of(
                        415,
                        "Unsupported content type",
                        "Send application/json to the API, or application/x-www-form-urlencoded to a form page.")
                .response();
    }

    /** Quarkus wraps JSON syntax errors in a bare 400; give the client a problem document that says so. */
    @ServerExceptionMapper
    public Response wrapped(WebApplicationException e) {
        return e.getCause() instanceof JsonProcessingException json ? malformedJson(json) : e.getResponse();
    }

    /** JSON of the wrong shape (an array for an object): Quarkus's own mapper would answer with its own body instead. */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        LOG.debugf("Malformed JSON: %s", e.getOriginalMessage());
        return Problem.of(400, "Malformed JSON", "The body is not valid JSON of the expected shape.")
                .response();
    }
}
