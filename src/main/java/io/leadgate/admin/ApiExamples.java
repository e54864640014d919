package io.leadgate.admin;

/** Examples for the API documentation (OpenAPI), kept out of the resources so that they read as routes. */
final class ApiExamples {

    private ApiExamples() {}

    static final String LEADS =
            "[{\"id\": \"6f1c2e0a-8a51-4c43-9a67-2a2b8f4e6c11\", \"email\": \"ana@acme.example\", \"name\": \"Ana Silva\","
                    + " \"form_id\": \"demo-saas\", \"score\": 100, \"verdict\": \"qualified\", \"grade\": \"A\", \"assigned_rep\": \"ana@pipewise.example\","
                    + " \"created_at\": \"2026-11-20T09:12:03Z\", \"updated_at\": \"2026-11-20T09:12:03Z\", \"outcome\": \"won\", \"amount\": 24000,"
                    + " \"currency\": \"EUR\", \"answers\": {\"timeframe\": [\"this-month\"]},"
                    + " \"answer_labels\": {\"timeframe\": [\"This month\"]}, \"experiment\": {\"id\": 3, \"variant\": \"B\"}}]";
    static final String LEAD =
            "{\"lead\": {\"id\": \"6f1c2e0a-8a51-4c43-9a67-2a2b8f4e6c11\", \"email\": \"ana@acme.example\","
                    + " \"score\": 100, \"verdict\": \"qualified\"}, \"submissions\": [{\"id\": \"b3d0...\", \"form_version\": \"1\","
                    + " \"answers\": {\"timeframe\": [\"this-month\"]}, \"ledger\": [{\"question\": \"timeframe\", \"answer\": \"This month\","
                    + " \"dimension\": \"timeframe\", \"points\": 25, \"counted\": true, \"reason\": \"When do you plan to have a solution in place?"
                    + " This month: +25 Timeframe\"}]}], \"consents\": [], \"timeline\": [{\"type\": \"submitted\", \"at\": \"2026-11-20T09:12:03Z\"}],"
                    + " \"outcome\": null, \"nurture\": [], \"deliveries\": []}";
    static final String OUTCOME =
            "{\"status\": \"won\", \"amount\": 24000, \"currency\": \"EUR\", \"close_date\": \"2026-11-20\","
                    + " \"reason\": \"Replaced spreadsheets\"}";

    static final String LEADS_CSV = "id,email,name,form_id,score,verdict,grade,"
            + "assigned_rep,created_at,outcome,amount,currency,experiment_id,variant,answer.timeframe,"
            + "answer.timeframe.label\r\n"
            + "6f1c2e0a-...,ana@acme.example,Ana Silva,demo-saas,100,qualified,A,"
            + "ana@pipewise.example,2026-11-20T09:12:03Z,won,24000,EUR,3,B,this-month,This month\r\n";
    static final String OUTCOME_RECORDED = "{\"status\": \"won\", \"amount\": 24000, \"currency\": \"EUR\","
            + " \"close_date\": \"2026-11-20\", \"reason\": null, \"recorded_by\": \"ana@pipewise.example\","
            + " \"recorded_at\": \"2026-11-21T10:00:00Z\"}";
    static final String ERASED =
            "{\"lead_id\": \"6f1c2e0a-8a51-4c43-9a67-2a2b8f4e6c11\"," + " \"erased_at\": \"2026-11-22T08:00:00Z\"}";

    static final String OUTCOME_BY_EMAIL =
            "{\"email\": \"ana@example.com\", \"status\": \"lost\", \"reason\": \"Chose a competitor\"}";

    static final String OUTCOMES_CSV =
            "email,status,amount,currency,close_date,reason\nana@example.com,won,24000,EUR,2026-11-20,\nben@example.com,lost,,,,Budget cut\n";

    static final String IMPORT_RESULT =
            "{\"recorded\": 1, \"errors\": [{\"line\": 3, \"message\": \"status must be won, lost or open\"}]}";

    static final String USERS = "[{\"id\": 1, \"email\": \"admin@pipewise.example\", \"name\": \"Administrator\","
            + " \"role\": \"admin\", \"created_at\": \"2026-11-01T08:00:00Z\", \"disabled\": false, \"disabled_at\": null,"
            + " \"tokens\": [{\"id\": 3, \"name\": \"CRM sync\", \"created_at\": \"2026-11-02T08:00:00Z\","
            + " \"expires_at\": \"2027-11-02T08:00:00Z\", \"revoked_at\": null, \"active\": true}]}]";
    static final String NEW_USER = "{\"email\": \"ana@pipewise.example\", \"name\": \"Ana Silva\","
            + " \"password\": \"a-long-passphrase\", \"role\": \"sales\"}";
    static final String NEW_TOKEN = "{\"name\": \"CRM sync\", \"expires_at\": \"2027-11-30T00:00:00Z\"}";
    static final String ISSUED_TOKEN =
            "{\"name\": \"CRM sync\", \"token\": \"lg_4bX...\", \"expires_at\": \"2027-11-30T00:00:00Z\"}";
}
