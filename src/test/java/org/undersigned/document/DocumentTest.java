package org.undersigned.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;
import org.undersigned.fixtures.Fixtures;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class DocumentTest extends ApiTest {

    @Inject
    ObjectMapper json;

    /**
     * The example letter, built entirely through the API, renders line for line as delivered: every
     * line from the date to the last CC (then the ledger's head), blank lines and trailing spaces aside, but the body
     * paragraphs (the project writes its own).
     */
    @Test
    void theExampleLetterIsReproducedLineForLine() throws Exception {
        String letter = exampleLetter();
        String text = anonymous().accept("text/plain").get("/v1/letters/" + letter + "/document").then().statusCode(200)
                .contentType(startsWith("text/plain")).extract().asString();
        List<String> expected = lines(new String(DocumentTest.class.getResourceAsStream("/fixtures/joint-letter-2020-12-15-without-body.txt")
                .readAllBytes(), StandardCharsets.UTF_8));
        List<String> actual = withoutBody(lines(text));
        // and then the line that ties it to the letter's ledger
        io.restassured.path.json.JsonPath head = anonymous().get("/v1/letters/" + letter + "/ledger/head").then().extract().jsonPath();
        assertEquals("Ledger head: sequence " + head.getLong("sequence") + ", SHA-256 " + head.getString("hash"), actual.get(actual.size() - 1));
        assertEquals(expected, actual.subList(0, actual.size() - 1));
    }

    @Test
    void htmlIsAStandalonePageWithEverythingEscaped() throws Exception {
        String letter = exampleLetter();
        admin().body(Map.of("kind", "ORGANIZATION", "name", "<script>alert('x')</script> & Co")).post("/v1/letters/" + letter + "/signatures")
                .then().statusCode(201);
        admin().body(Map.of("body", "Plain paragraph with **bold**.\n\n<img src=x onerror=alert(1)>")).patch("/v1/letters/" + letter)
                .then().statusCode(200);
        String html = anonymous().queryParam("format", "html").get("/v1/letters/" + letter + "/document").then().statusCode(200)
                .contentType(startsWith("text/html")).extract().asString();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"), html);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("<strong>bold</strong>"), html);
        assertTrue(html.contains("<h1>Joint Open Letter to President Moon Jae-in</h1>"), html);
        assertTrue(html.contains("CC: Kang Kyung-wha, Foreign Affairs Minister<br />Lee In-young, Unification Minister"), html);
    }

    @Test
    void thePdfHasSelectableTextEmbeddedFontsAndPageNumbers() throws Exception {
        String letter = exampleLetter();
        byte[] pdf = anonymous().accept("application/pdf").get("/v1/letters/" + letter + "/document").then().statusCode(200)
                .contentType(startsWith("application/pdf")).extract().asByteArray();
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertTrue(text.contains("Joint Open Letter to President Moon Jae-in"), text);
            assertTrue(text.contains("1969 KAL Abductees' Families Association"), text);
            assertTrue(text.contains("Chris Sidoti"), text);
            assertFalse(text.contains("Undisclosed partner organization"), text);
            int pages = document.getNumberOfPages();
            assertTrue(pages >= 2, "pages: " + pages);
            assertTrue(text.contains("1 / " + pages), text);
            for (org.apache.pdfbox.pdmodel.PDPage page : document.getPages()) {
                for (org.apache.pdfbox.cos.COSName name : page.getResources().getFontNames()) {
                    org.apache.pdfbox.pdmodel.font.PDFont font = page.getResources().getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is not embedded");
                }
            }
        }
    }

    @Test
    void markdownKeepsTheBodyAndEscapesNames() throws Exception {
        String letter = exampleLetter();
        admin().body(Map.of("kind", "INDIVIDUAL", "name", "Star *Name* [x]", "title", "Line one\nLine two"))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        String markdown = anonymous().accept("text/markdown").get("/v1/letters/" + letter + "/document").then().statusCode(200)
                .contentType(startsWith("text/markdown")).extract().asString();
        assertTrue(markdown.contains("# Joint Open Letter to President Moon Jae-in"), markdown);
        assertTrue(markdown.contains("**Re:** Promoting Human Rights in North Korea"), markdown);
        assertTrue(markdown.contains("**Star \\*Name\\* \\[x\\]**  \nLine one  \nLine two"), markdown);
        assertTrue(markdown.contains("\\1969 KAL") || markdown.contains("1969 KAL"), markdown);
    }

    /** A signer's words stay words: whatever a title holds, the Markdown after the letter's text is paragraphs of text. */
    @Test
    void aSignersTitleCannotAddMarkdownStructure() throws Exception {
        String letter = Fixtures.openLetter("NONE");
        String title = "Researcher\n\n# Heading\n\n    indented code\n---\n> quoted\n1. listed\n[a link](https://example.org)"
                + "\n![img](https://example.org/x.png)\n&lt;b&gt; &amp;\n<https://example.org>\n| a | b |\n===";
        admin().body(Map.of("kind", "INDIVIDUAL", "name", "Kim Young-hwan", "title", title))
                .post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        String markdown = anonymous().accept("text/markdown").get("/v1/letters/" + letter + "/document").then().statusCode(200)
                .extract().asString();
        org.commonmark.node.Node document = org.commonmark.parser.Parser.builder().build().parse(markdown);
        List<String> kinds = new java.util.ArrayList<>();
        document.accept(new org.commonmark.node.AbstractVisitor() {
            @Override
            protected void visitChildren(org.commonmark.node.Node parent) {
                kinds.add(parent.getClass().getSimpleName());
                super.visitChildren(parent);
            }
        });
        for (String kind : kinds) {
            assertTrue(List.of("Document", "Paragraph", "Heading", "StrongEmphasis", "Text", "HardLineBreak", "SoftLineBreak").contains(kind), kind + " in\n" + markdown);
        }
        // the one heading is the letter's title; the signer's lines are text, shown as typed
        assertEquals(1, markdown.lines().filter(l -> l.startsWith("#")).count(), markdown);
        String text = new org.commonmark.renderer.text.TextContentRenderer.Builder().build().render(document);
        assertTrue(text.contains("# Heading") && text.contains("[a link](https://example.org)") && text.contains("&lt;b&gt; &amp;"), text);
    }

    @Test
    void undisclosedSignatoriesAreNeverNamed() throws Exception {
        String letter = exampleLetter();
        for (String format : List.of("text", "markdown", "html")) {
            anonymous().queryParam("format", format).get("/v1/letters/" + letter + "/document").then().statusCode(200)
                    .body(not(containsString("Undisclosed partner organization")));
        }
        anonymous().queryParam("summary", "true").queryParam("format", "text").get("/v1/letters/" + letter + "/document").then()
                .body(containsString("47 groups representing 300 non-governmental organizations and 7 concerned individuals in 16 countries"));
    }

    @Test
    void versionsOrderAndConditionalRequests() throws Exception {
        String letter = exampleLetter();
        admin().body(Map.of("closing", "With respect,")).patch("/v1/letters/" + letter).then().statusCode(200);
        anonymous().queryParam("format", "text").get("/v1/letters/" + letter + "/document").then().body(containsString("With respect,"));
        anonymous().queryParam("format", "text").queryParam("version", 1).get("/v1/letters/" + letter + "/document").then()
                .statusCode(200).body(containsString("Thank you for your consideration.")).body(not(containsString("With respect,")));
        anonymous().queryParam("format", "text").queryParam("version", 9).get("/v1/letters/" + letter + "/document").then().statusCode(404);

        admin().body(Map.of("kind", "ORGANIZATION", "name", "Zulu Signed First")).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        admin().body(Map.of("kind", "ORGANIZATION", "name", "Alpha Signed Last")).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        String bySigning = anonymous().queryParam("format", "text").queryParam("order", "signed_at")
                .get("/v1/letters/" + letter + "/document").asString();
        String byName = anonymous().queryParam("format", "text").get("/v1/letters/" + letter + "/document").asString();
        assertTrue(bySigning.indexOf("Zulu Signed First") < bySigning.indexOf("Alpha Signed Last"), bySigning);
        assertTrue(byName.indexOf("Alpha Signed Last") < byName.indexOf("Zulu Signed First"), byName);

        String etag = anonymous().queryParam("format", "text").get("/v1/letters/" + letter + "/document").then().extract().header("ETag");
        anonymous().queryParam("format", "text").header("If-None-Match", etag).get("/v1/letters/" + letter + "/document").then().statusCode(304);
        anonymous().queryParam("format", "html").header("If-None-Match", etag).get("/v1/letters/" + letter + "/document").then().statusCode(200);
        admin().body(Map.of("kind", "ORGANIZATION", "name", "Late Signer")).post("/v1/letters/" + letter + "/signatures").then().statusCode(201);
        anonymous().queryParam("format", "text").header("If-None-Match", etag).get("/v1/letters/" + letter + "/document").then()
                .statusCode(200).body(containsString("Late Signer"));
    }

    @Test
    void draftsRenderForTheAdminOnlyAndBadRequestsAreRefused() {
        String draft = admin().body(Map.of("title", "Draft letter", "body", "Text.")).post("/v1/letters").then().extract().path("id");
        anonymous().queryParam("format", "text").get("/v1/letters/" + draft + "/document").then().statusCode(404);
        admin().queryParam("format", "text").get("/v1/letters/" + draft + "/document").then().statusCode(200)
                .body(containsString("Draft letter"));
        invalidRequest().queryParam("format", "docx").get("/v1/letters/" + draft + "/document").then().statusCode(400);
        invalidRequest().accept("image/png").header("Authorization", "Bearer " + ADMIN_KEY)
                .get("/v1/letters/" + draft + "/document").then().statusCode(406);
        invalidRequest().header("Authorization", "Bearer " + ADMIN_KEY).queryParam("version", "zero")
                .get("/v1/letters/" + draft + "/document").then().statusCode(400);
    }

    /** The example, through the API: its facts from the demo files, signatures from the signers. */
    private String exampleLetter() throws Exception {
        Map<String, Object> demo;
        Map<String, Object> signatures;
        try (InputStream letter = DocumentTest.class.getResourceAsStream("/demo/joint-letter.json");
             InputStream signers = DocumentTest.class.getResourceAsStream("/demo/joint-letter-signatures.json")) {
            demo = json.readValue(letter, Map.class);
            signatures = json.readValue(signers, Map.class);
        }
        String id = admin().body(demo).post("/v1/letters").then().statusCode(201).extract().path("id");
        admin().post("/v1/letters/" + id + "/publish").then().statusCode(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) signatures.get("signatures");
        admin().body(rows).post("/v1/letters/" + id + "/signatures/bulk").then().statusCode(200)
                .body("created", org.hamcrest.Matchers.equalTo(rows.size()));
        return id;
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
    }

    /** Everything but the body paragraphs, which lie between the salutation and the closing. */
    private static List<String> withoutBody(List<String> lines) {
        int salutation = lines.indexOf("President Moon Jae-in,");
        int closing = lines.indexOf("Thank you for your consideration.");
        assertTrue(salutation > 0 && closing > salutation, String.join("\n", lines));
        return java.util.stream.Stream.concat(lines.subList(0, salutation + 1).stream(), lines.subList(closing, lines.size()).stream()).toList();
    }
}
