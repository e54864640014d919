package io.leadgate.cli;

import io.leadgate.forms.BrokenForm;
import io.leadgate.forms.FormLoader;
import io.leadgate.forms.FormProblem;
import io.leadgate.forms.FormRegistry;
import io.leadgate.forms.FormsConfig;
import io.leadgate.forms.LoadedForm;
import io.leadgate.forms.ValidForm;
import io.leadgate.leads.BacktestReport;
import io.leadgate.leads.Backtests;
import io.leadgate.leads.RescoreReport;
import io.leadgate.leads.Rescoring;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code rescore <form-id> <candidate.yaml>}: replays the stored submissions of a form under a candidate file and
 * prints how many verdicts would change and which, then the backtest's closed deals and weekly sales load against
 * the published form, with a progress bar while it works.
 */
@ApplicationScoped
public class RescoreCommand {

    static final int LISTED = 50;

    private final Rescoring rescoring;
    private final Backtests backtests;
    private final FormRegistry registry;
    private final FormsConfig forms;

    RescoreCommand(Rescoring rescoring, Backtests backtests, FormRegistry registry, FormsConfig forms) {
        this.rescoring = rescoring;
        this.backtests = backtests;
        this.registry = registry;
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
        if (registry.find(args[1]).orElse(null) instanceof ValidForm published) {
            BacktestReport deals = backtests.run(
                    published,
                    (ValidForm) candidate,
                    file.toString(),
                    null,
                    null,
                    0,
                    0,
                    (done, total) -> err.print(progressBar(done, total)));
            err.println();
            print(deals, out);
        } else {
            out.println();
            out.println("No published form '" + args[1] + "' to compare closed deals with.");
        }
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

    /** The backtest's closed deals and sales load, published form against the candidate, as the studio shows them. */
    static void print(BacktestReport report, PrintStream out) {
        BacktestReport.Deals now = report.current();
        BacktestReport.Deals then = report.candidateDeals();
        out.println();
        out.printf("%-30s  %-16s  %s%n", "Closed deals (by lead)", "published", "candidate");
        out.printf(
                "%-30s  %-16s  %s%n",
                "Won, sent to sales",
                deals(now.wonQualified(), now.revenueQualified()),
                deals(then.wonQualified(), then.revenueQualified()));
        out.printf(
                "%-30s  %-16s  %s%n",
                "Won, delayed to nurture",
                deals(now.wonNurtured(), now.revenueNurtured()),
                deals(then.wonNurtured(), then.revenueNurtured()));
        out.printf(
                "%-30s  %-16s  %s%n",
                "Won, dropped",
                deals(now.wonDisqualified(), now.revenueDisqualified()),
                deals(then.wonDisqualified(), then.revenueDisqualified()));
        out.printf("%-30s  %-16d  %d%n", "Lost, sent to sales", now.lostQualified(), then.lostQualified());
        out.printf(
                "%-30s  %-16s  %s%n",
                "Qualified win rate", rate(now.qualifiedWinRate()), rate(then.qualifiedWinRate()));
        out.println();
        out.println("Qualified leads per week (published -> candidate):");
        report.weeks().forEach(week -> out.printf("  %s  %d -> %d%n", week.monday(), week.current(), week.candidate()));
    }

    private static String deals(long count, java.math.BigDecimal revenue) {
        return count + " (" + revenue.stripTrailingZeros().toPlainString() + ")";
    }

    private static String rate(Double rate) {
        return rate == null ? "-" : Math.round(rate * 100) + " %";
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
