package io.leadgate.access;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The hash checked for unknown sign-in names costs what a real user's hash costs, and matches no likely password. */
class DummyHashTest {

    @Test
    void costsWhatARealHashCosts() {
        String real = BcryptUtil.bcryptHash("a real password of twelve", Users.COST);
        assertEquals(real.substring(0, 7), PasswordIdentityProvider.DUMMY_HASH.substring(0, 7));
        assertFalse(BcryptUtil.matches("", PasswordIdentityProvider.DUMMY_HASH));
        assertFalse(BcryptUtil.matches("password", PasswordIdentityProvider.DUMMY_HASH));
    }
}
