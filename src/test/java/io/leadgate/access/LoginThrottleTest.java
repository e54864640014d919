package io.leadgate.access;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sign-in throttle on PostgreSQL: guessing from one place is slowed, guessing from many is capped per account
 * without locking out the owner's known browser, attempts made at once are all counted, and a right password gives its
 * address back what it spent.
 */
@QuarkusTest
class LoginThrottleTest {

    @Inject
    LoginThrottle throttle;

    private static String account() {
        return "throttled-" + UUID.randomUUID() + "@acme.example";
    }

    @Test
    void guessingFromOneAddressWaitsButTheOwnerElsewhereDoesNot() {
        String email = account();
        Instant now = Instant.now();
        for (int i = 0; i < LoginThrottle.FREE; i++) {
            assertTrue(throttle.attempt(email, "203.0.113.10", false, now), "attempt " + (i + 1));
        }
        assertFalse(throttle.attempt(email, "203.0.113.10", false, now), "the guesser waits");
        assertTrue(throttle.attempt(email, "192.0.2.77", false, now), "the owner at their desk does not");
    }

    @Test
    void guessingFromManyAddressesMeetsTheAccountCeilingButNotTheOwnersBrowser() {
        String email = account();
        Instant now = Instant.now();
        for (int i = 0; i < LoginThrottle.FREE_PER_ACCOUNT; i++) {
            assertTrue(throttle.attempt(email, "198.18.0." + i, false, now), "attempt " + (i + 1));
        }
        assertFalse(throttle.attempt(email, "198.18.1.1", false, now), "a fresh address still waits");
        assertTrue(
                throttle.attempt(email, "198.18.1.2", throttle.isKnownDevice(email, throttle.deviceToken(email)), now),
                "a browser that signed in before passes");
        assertFalse(throttle.isKnownDevice(email, throttle.deviceToken(account())), "another account's cookie is not");
    }

    @Test
    void attemptsMadeAtOnceAreAllCounted() throws Exception {
        String email = account();
        Instant now = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                attempts.add(() -> throttle.attempt(email, "203.0.113.20", false, now));
            }
            long passed = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                passed += result.get() ? 1 : 0;
            }
            assertEquals(LoginThrottle.FREE, passed, "no more reach bcrypt than one after another would");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIpv6ClientCountsAsItsNetwork() {
        String email = account();
        Instant now = Instant.now();
        for (int i = 0; i < LoginThrottle.FREE; i++) {
            assertTrue(throttle.attempt(email, "2001:db8:42:42::" + (i + 1), false, now));
        }
        assertFalse(throttle.attempt(email, "2001:db8:42:42:ffff::1", false, now), "a new address in the same /64");
        assertTrue(throttle.attempt(email, "2001:db8:42:43::1", false, now));
    }

    @Test
    void aRightPasswordGivesTheAddressBackItsAttempt() {
        Instant now = Instant.now();
        String office = "203.0.113.30";
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS - 1; i++) {
            assertTrue(throttle.attempt(account(), office, false, now));
        }
        String colleague = account();
        assertTrue(throttle.attempt(colleague, office, false, now), "the twentieth attempt passes and starts a wait");
        assertFalse(throttle.attempt(account(), office, false, now), "the office waits");
        throttle.succeeded(colleague, office);
        assertTrue(throttle.attempt(account(), office, false, now), "a colleague's right password ends the wait");
    }
}
