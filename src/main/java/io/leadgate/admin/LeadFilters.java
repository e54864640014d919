package io.leadgate.admin;

import jakarta.ws.rs.QueryParam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The lead list's filters as the page posts them and shows them back; dates that do not parse do not narrow. */
public class LeadFilters {

    @QueryParam("form")
    public String form;

    @QueryParam("verdict")
    public String verdict;

    @QueryParam("from")
    public String from;

    @QueryParam("to")
    public String to;

    @QueryParam("rep")
    public String rep;

    @QueryParam("q")
    public String q;

    LeadDirectory.Filter filter() {
        return new LeadDirectory.Filter(form, verdict, date(from), date(to), rep, q);
    }

    /** The filters as a query string, for the export links. */
    public String query() {
        return "form=" + enc(form) + "&verdict=" + enc(verdict) + "&from=" + enc(from) + "&to=" + enc(to) + "&rep="
                + enc(rep) + "&q=" + enc(q);
    }

    private static LocalDate date(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String enc(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
