package io.leadgate.delivery;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Our signatures are Standard Webhooks': the specification's test vector, and the reference library agrees. */
class WebhookSignerTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330;
    static final String BODY = "{\"test\": 2432232314}";

    @Test
    void theSpecificationsTestVectorIsReproduced() {
        assertEquals(
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSigner.signature(List.of(SECRET), ID, TIMESTAMP, BODY));
    }

    @Test
    void duringARotationBothSecretsSignAndEitherVerifies() throws Exception {
        String next = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        long now = System.currentTimeMillis() / 1000;
        String signature = WebhookSigner.signature(List.of(next, SECRET), ID, now, BODY);
        assertEquals(2, signature.split(" ").length);
        for (String secret : List.of(SECRET, next)) {
            HttpHeaders headers = HttpHeaders.of(
                    Map.of(
                            "webhook-id",
                            List.of(ID),
                            "webhook-timestamp",
                            List.of(String.valueOf(now)),
                            "webhook-signature",
                            List.of(signature)),
                    (a, b) -> true);
            assertDoesNotThrow(() -> new Webhook(secret).verify(BODY, headers));
        }
        HttpHeaders tampered = HttpHeaders.of(
                Map.of(
                        "webhook-id",
                        List.of(ID),
                        "webhook-timestamp",
                        List.of(String.valueOf(now)),
                        "webhook-signature",
                        List.of(signature)),
                (a, b) -> true);
        assertThrows(Exception.class, () -> new Webhook(SECRET).verify(BODY + " ", tampered));
    }
}
