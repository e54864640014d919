package io.leadgate.leads;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** How many leads of one form a rep has been given; the rows of a form are locked while one lead is assigned. */
@Entity
@Table(name = "rep_load")
public class RepLoad extends PanacheEntityBase {

    /** A rep within a form. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "form_id")
        public String formId;

        @Column(name = "rep_email")
        public String repEmail;

        public Key() {}

        Key(String formId, String repEmail) {
            this.formId = formId;
            this.repEmail = repEmail;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(formId, key.formId)
                    && Objects.equals(repEmail, key.repEmail);
        }

        @Override
        public int hashCode() {
            return Objects.hash(formId, repEmail);
        }
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public long assigned;

    static List<RepLoad> lockForForm(String formId) {
        return find("key.formId = ?1 order by key.repEmail", formId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }
}
