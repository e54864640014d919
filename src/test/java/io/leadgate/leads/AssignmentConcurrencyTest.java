package io.leadgate.leads;

import io.leadgate.testing.Db;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Many qualified leads at the same moment are shared by weight, skipping the rep who is away, exactly as if in turn. */
@QuarkusTest
@TestProfile(WithTestForms.class)
class AssignmentConcurrencyTest {

    @Test
    void concurrentSubmissionsAreSharedFairlyAndAbsentRepsAreSkipped() throws Exception {
        int leads = 40;
        List<Callable<String>> posts = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            String email = DemoAnswers.uniqueEmail("lead" + i);
            posts.add(() -> SubmissionFlowTest.post("assignment-test", Map.of("fit", "yes", "email", email))
                    .statusCode(201)
                    .body("verdict", equalTo("qualified"))
                    .extract()
                    .path("lead_id"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<String> done : pool.invokeAll(posts)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Long> byRep =
                Db.rows("SELECT assigned_rep FROM lead WHERE form_id = 'assignment-test' AND email LIKE 'lead%'")
                        .stream()
                        .collect(Collectors.groupingBy(
                                r -> String.valueOf(r.get("assigned_rep")), Collectors.counting()));
        assertEquals(Map.of("ana@test.example", 20L, "chloe@test.example", 10L, "dan@test.example", 10L), byRep);
        assertEquals(0L, Db.count("SELECT count(*) FROM rep_load WHERE rep_email = 'ben@test.example'"));
    }

    @Test
    void aRuleSendsBigCompaniesToItsRepAndSkipsTheOneAway() {
        String leadId = SubmissionFlowTest.post(
                        "assignment-test", Map.of("fit", "yes", "size", 5000, "email", DemoAnswers.uniqueEmail("big")))
                .statusCode(201)
                .extract()
                .path("lead_id");
        assertEquals(
                "dan@test.example",
                Db.row("SELECT assigned_rep FROM lead WHERE public_id = ?", leadId)
                        .get("assigned_rep"));
    }
}
