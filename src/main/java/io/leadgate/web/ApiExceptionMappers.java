package io.leadgate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.leadgate.leads.InvalidAnswersException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures of the JSON API into problem documents; 5xx are logged at error, 4xx at debug. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response invalidAnswers(InvalidAnswersException e) {
        LOG.debugf("Submission refused: %d answer(s)", e.errors().size());
        return SubmissionApiResource.problem(new Problem("about:blank", "Answers refused", 422,
                "Some answers break the form's rules; nothing was stored.",
                e.errors().stream().map(err -> new Problem.FieldError(err.question(), err.message())).toList()));
    }

    /** Quarkus wraps JSON syntax errors in a bare 400; give the client a problem document that says so. */
    @ServerExceptionMapper
    public Response wrapped(WebApplicationException e) {
        return e.getCause() instanceof JsonProcessingException json ? malformedJson(json) : e.getResponse();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        LOG.debugf("Malformed JSON: %s", e.getOriginalMessage());
        return SubmissionApiResource.problem(Problem.of(400, "Malformed JSON", "The body is not valid JSON of the expected shape."));
    }
}
