package io.leadgate.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

/** Runs the service, or one command and exits: {@code java -jar quarkus-run.jar rescore|replay|forms ...}. */
@QuarkusMain
public class LeadgateMain implements QuarkusApplication {

    @Inject
    RescoreCommand rescore;

    @Inject
    ReplayCommand replay;

    @Inject
    FormsPushCommand forms;

    @Override
    public int run(String... args) {
        if (args.length > 0 && "rescore".equals(args[0])) {
            return rescore.run(args, System.out, System.err);
        }
        if (args.length > 0 && "replay".equals(args[0])) {
            return replay.run(args, System.out, System.err);
        }
        if (args.length > 0 && "forms".equals(args[0])) {
            return forms.run(args, System.out, System.err);
        }
        if (args.length > 0) {
            System.err.println("Unknown command '" + args[0] + "'. Commands: rescore <form-id> <candidate.yaml>; "
                    + ReplayCommand.USAGE + "; " + FormsPushCommand.USAGE);
            return 2;
        }
        Quarkus.waitForExit();
        return 0;
    }
}
