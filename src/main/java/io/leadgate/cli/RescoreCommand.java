package io.leadgate.cli;

import io.leadgate.forms.BrokenForm;
import io.leadgate.forms.FormLoader;
import io.leadgate.forms.FormProblem;
import io.leadgate.forms.FormsConfig;
import io.leadgate.forms.LoadedForm;
import io.leadgate.forms.ValidForm;
import io.leadgate.leads.RescoreReport;
import io.leadgate.leads.Rescoring;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code rescore <form-id> <candidate.yaml>}: replays the stored submissions of a form under a candidate file and
 * prints how many verdicts would change and which, with a progress bar while it works.
 */
@ApplicationScoped
public class RescoreCommand {

    static final int LISTED = 50;

    private final Rescoring rescoring;
    private final FormsConfig forms;

    RescoreCommand(Rescoring rescoring, FormsConfig forms) {
        this.rescoring = rescoring;
        this.forms = forms;
    }

    int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 3) {
            err.println("Usage: rescore <form-id> <candidate.yaml>   (replays stored submissions; changes nothing)");
            return 2;
        }
        Path file = Path.of(args[2]);
        LoadedForm candidate;
        try {
            candidate = new FormLoader(forms.secretReferences(), forms.allowInsecureUrls())
                    .load(args[1], file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            err.println("Cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        if (candidate instanceof BrokenForm broken) {
            err.println("The candidate has problems; fix them first:");
            broken.problems().stream().map(FormProblem::toString).forEach(p -> err.println("  " + p));
            return 1;
        }
        RescoreReport report =
                rescoring.replay((ValidForm) candidate, (done, total) -> err.print(progressBar(done, total)));
        err.println();
        print(report, out);
        return 0;
    }

    static String progressBar(long done, long total) {
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        long percent = total == 0 ? 100 : 100 * done / total;
        return String.format(
                "\rReplaying %d of %d leads [%s%s] %3d%%",
                done, total, "#".repeat(filled), " ".repeat(width - filled), percent);
    }

    static void print(RescoreReport report, PrintStream out) {
        out.printf(
                "%d of %d submissions to %s would get another verdict.%n",
                report.changed(), report.replayed(), report.formId());
        report.moves().forEach((move, count) -> out.printf("  %-32s %d%n", move, count));
        if (!report.changes().isEmpty()) {
            out.println();
            out.printf("%-36s  %-36s  %-13s  %s%n", "submission", "lead", "before", "after");
            report.changes().stream()
                    .limit(LISTED)
                    .forEach(c -> out.printf(
                            "%-36s  %-36s  %-13s  %s%n",
                            c.submissionId(),
                            c.leadId(),
                            c.before() + " " + c.scoreBefore(),
                            c.after() + " " + c.scoreAfter()));
            if (report.changes().size() > LISTED) {
                out.printf("... and %d more%n", report.changes().size() - LISTED);
            }
        }
    }
}
