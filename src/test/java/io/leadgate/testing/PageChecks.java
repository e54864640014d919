package io.leadgate.testing;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import nu.validator.validation.SimpleDocumentValidator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every page a person sees must pass: axe-core's WCAG 2.2 AA rules and the Nu HTML Checker, with a screenshot kept. */
public final class PageChecks {

    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private PageChecks() {}

    /**
     * Runs axe on the page as it is now; fails listing every violation. Sandboxed frames run no script, axe's included
     * (it would wait for them forever), so their documents are checked on their own, as {@link #checkWithoutScripts}.
     */
    public static void accessible(Page page, String state) {
        AxeResults results = new AxeBuilder(page)
                .withTags(WCAG_TAGS)
                .exclude("iframe[sandbox]")
                .analyze();
        List<String> violations = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            rule.getNodes()
                    .forEach(node -> violations.add(rule.getId() + ": " + rule.getHelp() + " at " + node.getTarget()));
        }
        assertEquals(List.of(), violations, "axe-core on " + state);
    }

    /** Checks HTML with the Nu HTML Checker; fails listing every error. */
    public static void valid(String html, String state) {
        List<String> errors = new ArrayList<>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }
        };
        try {
            SimpleDocumentValidator validator = new SimpleDocumentValidator(true, false, false);
            validator.setUpMainSchema("http://s.validator.nu/html5-all.rnc", collect);
            validator.setUpValidatorAndParsers(collect, false, false);
            validator.checkHtmlInputSource(new InputSource(new StringReader(html)));
        } catch (Exception e) {
            throw new IllegalStateException("the Nu HTML Checker failed to run", e);
        }
        assertEquals(List.of(), errors, "Nu HTML Checker on " + state);
    }

    /** Both checks on the page as the browser shows it now, and a screenshot under target/screenshots. */
    public static void check(Page page, String state) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(state + ".png"))
                .setFullPage(true));
        valid(page.content(), state);
        accessible(page, state);
    }

    /**
     * The same checks for a page in a browser with JavaScript off. axe is itself a script, so it checks the same
     * HTML, scripts removed, in a page of the same origin that runs scripts.
     */
    public static void checkWithoutScripts(Page page, String state) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(state + ".png"))
                .setFullPage(true));
        String html = page.content();
        valid(html, state);
        Page checker = page.context().browser().newPage();
        String url = page.url().replaceAll("[?#].*", "") + "?axe-snapshot";
        String withoutScripts = html.replaceAll("(?s)<script\\b.*?</script>", "");
        checker.route(
                url,
                route -> route.fulfill(new Route.FulfillOptions()
                        .setContentType("text/html; charset=utf-8")
                        .setBody(withoutScripts)));
        checker.setViewportSize(page.viewportSize().width, page.viewportSize().height);
        checker.navigate(url);
        accessible(checker, state);
        checker.close();
    }
}
