package io.leadgate.forms.definition;

import java.util.List;

/** Which nurture sequence a lead that ends in nurture enters: one for all, or one per score band. */
public record NurturePlan(String sequence, List<NurtureBand> bands) {
    public static final NurturePlan NONE = new NurturePlan(null, null);

    public NurturePlan {
        bands = bands == null ? List.of() : List.copyOf(bands);
    }
}
