package io.leadgate.leads;

import io.leadgate.common.GroupCommit;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.ValidForm;
import io.leadgate.testing.Db;
import io.leadgate.testing.WithTestForms;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Submissions that share transactions (group commit) keep every guarantee of one at a time: duplicates and
 * idempotency keys are recognised, reps are shared by weight exactly as in turn, every lead has its outbox rows, and
 * one bad submission fails alone while the rest of its batch is stored.
 */
@QuarkusTest
@TestProfile(WithTestForms.class)
class GroupCommitTest {

    private static final List<String> REPS = List.of("ana@test.example", "chloe@test.example", "dan@test.example");
    private static final Map<String, Integer> WEIGHTS =
            Map.of("ana@test.example", 2, "chloe@test.example", 1, "dan@test.example", 1);

    @Inject
    SubmissionStore store;

    @Inject
    FormRegistry forms;

    private record Post(String email, String idempotencyKey, String fit) {}

    private record Answer(Post post, int status, String leadId, String submissionId) {}

    @Test
    void twoHundredConcurrentSubmissionsWithDuplicatesKeepEveryGuarantee() throws Exception {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        // A lead stored alone shows how many outbox rows one qualified lead gets.
        String reference = post(new Post("gc-ref-" + run + "@acme.example", null, "yes"))
                .then()
                .statusCode(201)
                .extract()
                .path("lead_id");
        long rowsPerLead = Db.count("SELECT count(*) FROM outbox_message WHERE subject_ref = ?", reference);
        assertTrue(rowsPerLead >= 1, "a qualified lead queues its alert");
        Map<String, Long> loadsBefore = loads();

        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            Post twice = new Post("gc-" + run + "-dup" + i + "@acme.example", null, "yes");
            posts.add(twice);
            posts.add(twice);
        }
        for (int i = 0; i < 20; i++) {
            Post retried = new Post("gc-" + run + "-key" + i + "@acme.example", "gc-" + run + "-key" + i, "yes");
            posts.add(retried);
            posts.add(retried);
        }
        // One key sent with two different bodies: exactly one of them is stored.
        posts.add(new Post("gc-" + run + "-clash-a@acme.example", "gc-" + run + "-clash", "no"));
        posts.add(new Post("gc-" + run + "-clash-b@acme.example", "gc-" + run + "-clash", "no"));
        assertEquals(202, posts.size());

        List<Answer> answers = postAllAtOnce(posts);

        Map<Integer, Long> statuses =
                answers.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
        assertEquals(Map.of(201, 101L, 200, 100L, 422, 1L), statuses, "first posts 201, repeats 200, the clash 422");
        Map<Post, List<Answer>> byPost = new LinkedHashMap<>();
        answers.stream()
                .filter(a -> !a.post().email().contains("-clash-"))
                .forEach(a ->
                        byPost.computeIfAbsent(a.post(), p -> new ArrayList<>()).add(a));
        assertEquals(100, byPost.size());
        byPost.forEach((post, pair) -> {
            assertEquals(2, pair.size());
            assertEquals(pair.get(0).submissionId(), pair.get(1).submissionId(), "a repeat names the first submission");
            assertEquals(pair.get(0).leadId(), pair.get(1).leadId());
        });

        String like = "gc-" + run + "-%";
        assertEquals(101, Db.count("SELECT count(*) FROM lead WHERE email LIKE ?", like));
        assertEquals(
                0,
                Db.count(
                        "SELECT count(*) FROM lead l WHERE l.email LIKE ?"
                                + " AND (SELECT count(*) FROM submission s WHERE s.lead_id = l.id) <> 1",
                        like),
                "every lead has exactly one submission");
        assertEquals(
                0,
                Db.count(
                        "SELECT count(*) FROM lead l WHERE l.email LIKE ? AND l.verdict = 'qualified'"
                                + " AND (SELECT count(*) FROM outbox_message m WHERE m.subject_ref = l.public_id) <> ?",
                        like,
                        rowsPerLead),
                "every qualified lead has exactly its outbox rows, committed with it");
        assertEquals(100, Db.count("SELECT count(*) FROM lead WHERE email LIKE ? AND verdict = 'qualified'", like));

        Map<String, Long> byRep = Db.rows("SELECT assigned_rep FROM lead WHERE email LIKE ?", like).stream()
                .filter(r -> r.get("assigned_rep") != null)
                .collect(Collectors.groupingBy(r -> String.valueOf(r.get("assigned_rep")), Collectors.counting()));
        assertEquals(inTurn(loadsBefore, 100), byRep, "reps are shared by weight exactly as one lead at a time");
    }

    @Test
    void aBadSubmissionFailsAloneAndTheRestOfItsBatchIsStored() {
        ValidForm form = (ValidForm) forms.find("assignment-test").orElseThrow();
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String key = "batch-key-" + run;
        store.storeAlone(job(form, "gc-first-" + run + "@acme.example", key, "body-a"));

        SubmissionStore.Job good = job(form, "gc-good-" + run + "@acme.example", null, null);
        SubmissionStore.Job clash = job(form, "gc-clash-" + run + "@acme.example", key, "body-b");
        SubmissionStore.Job alsoGood = job(form, "gc-also-" + run + "@acme.example", null, null);
        List<String> events = new ArrayList<>();
        GroupCommit<SubmissionStore.Job, SubmissionResult> batches = new GroupCommit<>(
                "test", 0, 64, store::storeTogether, store::storeAlone, e -> false, new GroupCommit.Observer() {
                    @Override
                    public void committed(int jobs) {
                        events.add("committed " + jobs);
                    }

                    @Override
                    public void tookOut() {
                        events.add("took one out");
                    }
                });
        List<GroupCommit.Pending<SubmissionStore.Job, SubmissionResult>> batch = List.of(
                new GroupCommit.Pending<>(good, new java.util.concurrent.CompletableFuture<>()),
                new GroupCommit.Pending<>(clash, new java.util.concurrent.CompletableFuture<>()),
                new GroupCommit.Pending<>(alsoGood, new java.util.concurrent.CompletableFuture<>()));

        batches.run(batch);

        assertEquals(List.of("took one out", "committed 2"), events);
        ExecutionException failed = assertThrows(
                ExecutionException.class, () -> batch.get(1).result().get());
        assertInstanceOf(IdempotencyConflictException.class, failed.getCause());
        Set<String> stored = new HashSet<>();
        for (int i : new int[] {0, 2}) {
            SubmissionResult result = batch.get(i).result().join();
            assertEquals(1, Db.count("SELECT count(*) FROM submission WHERE public_id = ?", result.submissionId()));
            stored.add(result.leadId());
        }
        assertEquals(2, stored.size());
        assertEquals(0, Db.count("SELECT count(*) FROM lead WHERE email = ?", "gc-clash-" + run + "@acme.example"));
        assertNotEquals(
                batch.get(0).result().join().submissionId(),
                batch.get(2).result().join().submissionId());
    }

    @Test
    void anOutageFailsTheWholeBatchAtOnceWhileABadRowDoesNot() {
        assertTrue(SubmissionStore.databaseUnavailable(
                new jakarta.persistence.PersistenceException(new java.sql.SQLException("gone", "08006"))));
        assertTrue(SubmissionStore.databaseUnavailable(new RuntimeException(new java.sql.SQLException("x", "57P01"))));
        assertTrue(!SubmissionStore.databaseUnavailable(
                new jakarta.persistence.PersistenceException(new java.sql.SQLException("dup", "23505"))));
        assertTrue(!SubmissionStore.databaseUnavailable(new IdempotencyConflictException()));
    }

    private static SubmissionStore.Job job(ValidForm form, String email, String key, String hash) {
        return new SubmissionStore.Job(
                form,
                Map.of("fit", List.of("no"), "email", List.of(email)),
                new SubmissionRequest(
                        Map.of("fit", List.of("no"), "email", List.of(email)), null, null, "203.0.113.9", key, hash),
                false);
    }

    private static Response post(Post post) {
        var request = given().contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of("fit", post.fit(), "email", post.email())));
        if (post.idempotencyKey() != null) {
            request = request.header("Idempotency-Key", post.idempotencyKey());
        }
        return request.post("/api/forms/assignment-test/submissions");
    }

    private static List<Answer> postAllAtOnce(List<Post> posts) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Answer>> calls = new ArrayList<>();
        for (Post post : posts) {
            calls.add(() -> {
                start.await();
                Response response = post(post);
                return new Answer(
                        post,
                        response.statusCode(),
                        response.statusCode() < 300 ? response.path("lead_id") : null,
                        response.statusCode() < 300 ? response.path("submission_id") : null);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (Callable<Answer> call : calls) {
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    private static Map<String, Long> loads() {
        Map<String, Long> loads = new HashMap<>();
        REPS.forEach(rep -> loads.put(rep, 0L));
        Db.rows("SELECT rep_email, assigned FROM rep_load WHERE form_id = 'assignment-test'")
                .forEach(r -> loads.computeIfPresent(
                        String.valueOf(r.get("rep_email")), (rep, none) -> ((Number) r.get("assigned")).longValue()));
        return loads;
    }

    /** What the weighted strategy gives {@code leads} leads one after the other from these loads. */
    private static Map<String, Long> inTurn(Map<String, Long> before, int leads) {
        Map<String, Long> loads = new HashMap<>(before);
        Map<String, Long> given = new HashMap<>();
        for (int i = 0; i < leads; i++) {
            String chosen = REPS.getFirst();
            double best = Double.MAX_VALUE;
            for (String rep : REPS) {
                double share = (loads.get(rep) + 1.0) / WEIGHTS.get(rep);
                if (share < best) {
                    best = share;
                    chosen = rep;
                }
            }
            loads.merge(chosen, 1L, Long::sum);
            given.merge(chosen, 1L, Long::sum);
        }
        return given;
    }
}
