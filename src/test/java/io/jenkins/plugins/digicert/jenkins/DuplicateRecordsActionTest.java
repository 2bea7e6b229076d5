package io.jenkins.plugins.digicert.jenkins;

import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.CREDENTIALS_ID;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.CSR;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.DEFAULT_PATHS;
import static io.jenkins.plugins.digicert.jenkins.JenkinsTestSupport.ORDER_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.Functions;
import hudson.model.Fingerprint;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BatchFile;
import hudson.tasks.Fingerprinter;
import hudson.tasks.Shell;
import io.jenkins.plugins.digicert.simulator.CertCentralSimulator;
import io.jenkins.plugins.digicert.simulator.SimulatorExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What a build shows of its duplicates once it has run: the summary on the build page, the remote API, the
 * fingerprints of the archived files, and the DIGICERT_... variables for later freestyle build steps.
 */
@ExtendWith(SimulatorExtension.class)
@WithJenkins
class DuplicateRecordsActionTest {

    /** An order that ends in ten days: its duplicates end with it. */
    private static final long ENDING_ORDER_ID = 7654321;

    private static final String FULLCHAIN = "digicert/fullchain.pem";

    private CertCentralSimulator simulator;

    @BeforeEach
    void startSimulator(CertCentralSimulator simulator) {
        this.simulator = simulator;
        JenkinsTestSupport.addTheOrder(simulator);
    }

    @Test
    void buildPageShowsTheDuplicateToAReaderWithLinksToTheArchivedFiles(JenkinsRule j) throws Exception {
        configure();
        WorkflowJob job = JenkinsTestSupport.pipeline(j, "page", script(ORDER_ID));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        X509Certificate leaf = leaf(run);
        String serial = serial(leaf);
        String requestId = requestId(run);

        // Someone who may only look at the job.
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.login("reader");

        HtmlPage page = wc.getPage(run);

        DomNode summary = onlySummary(page);
        String text = normalized(summary.getTextContent());
        assertEquals(
                "DigiCert duplicate: example.com",
                normalized(summary.querySelector(".digicert-duplicate__title").asNormalizedText()));
        // Each part in a row of its own, label and value apart: nothing runs into the next word.
        Map<String, String> facts = facts(summary);
        assertEquals("issued", facts.get("Status"), facts.toString());
        assertEquals("www.example.com", facts.get("Other names"), facts.toString());
        assertEquals(String.valueOf(ORDER_ID), facts.get("Order"), facts.toString());
        assertEquals(requestId, facts.get("Request"), facts.toString());
        assertEquals(serial, facts.get("Serial number"), facts.toString());
        assertEquals(sha256(leaf), facts.get("SHA-256 fingerprint"), facts.toString());
        assertTrue(facts.get("Days left").matches("\\d+"), facts.toString());
        // Dates as the build page shows its own (a medium date and time), not ISO 8601.
        int year = leaf.getNotAfter().toInstant().atZone(ZoneOffset.UTC).getYear();
        String until = facts.get("Valid until");
        assertTrue(until.contains(String.valueOf(year)) && !until.matches(".*\\d{4}-\\d{2}-\\d{2}T.*"), until);
        assertTrue(
                facts.get("Files").contains("digicert/certificate.pem · digicert/chain.pem"),
                "links apart: " + facts.get("Files"));
        assertTrue(summary.querySelectorAll(".jenkins-alert-warning").isEmpty(), "no warning for a year: " + text);

        // The summary's own links (the page's artifact list links the same files; these are the summary's).
        List<String> hrefs = new ArrayList<>();
        HtmlAnchor fullchain = null;
        for (DomNode node : summary.querySelectorAll("a")) {
            HtmlAnchor anchor = (HtmlAnchor) node;
            hrefs.add(anchor.getHrefAttribute());
            if (anchor.getHrefAttribute().endsWith("artifact/" + FULLCHAIN)) {
                fullchain = anchor;
            }
        }
        assertEquals(DEFAULT_PATHS.size(), hrefs.size(), hrefs.toString());
        for (String path : DEFAULT_PATHS) {
            assertTrue(hrefs.stream().anyMatch(href -> href.endsWith("artifact/" + path)), path + " in " + hrefs);
        }
        assertNotNull(fullchain, hrefs.toString());

        // Following the link, as a browser would, gives the reader the file.
        URL target = page.getFullyQualifiedUrl(fullchain.getHrefAttribute());
        Page file = wc.getPage(target);
        assertEquals(200, file.getWebResponse().getStatusCode());
        String pem = file.getWebResponse().getContentAsString();
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
        assertEquals(new String(JenkinsTestSupport.artifact(run, FULLCHAIN), StandardCharsets.US_ASCII), pem);

        // Nothing secret on the page.
        assertFalse(page.getWebResponse().getContentAsString().contains(CertCentralSimulator.API_KEY));
    }

    @Test
    void aSecondBuildWithTheSameKeyReusesTheFirstBuildsDuplicateAndSaysSo(JenkinsRule j) throws Exception {
        configure();
        WorkflowJob job = JenkinsTestSupport.pipeline(
                j,
                "reuse",
                JenkinsTestSupport.onController(
                        CSR,
                        "  def cert = digicertDuplicate credentialsId: '" + CREDENTIALS_ID + "', orderId: '"
                                + ORDER_ID + "', csrFile: '" + JenkinsTestSupport.CSR_FILE
                                + "', reuseDaysLeft: 30\n"
                                + "  echo \"reused=${cert.reused} certificateId=${cert.certificateId}\"\n"));

        WorkflowRun first = j.buildAndAssertSuccess(job);
        WorkflowRun second = j.buildAndAssertSuccess(job);

        assertEquals(1, simulator.duplicatesCreated(), "one duplicate for the two builds");
        j.assertLogContains("Nothing to reuse: no duplicate of order " + ORDER_ID, first);
        j.assertLogContains("reused=false", first);
        long certificateId = Long.parseLong(certificateIdIn(first));
        j.assertLogContains("Reusing duplicate " + certificateId + " of order " + ORDER_ID, second);
        j.assertLogContains("reused=true certificateId=" + certificateId, second);
        assertEquals(JenkinsTestSupport.sorted(DEFAULT_PATHS), JenkinsTestSupport.artifactPaths(second));

        Map<String, String> facts = facts(onlySummary(j.createWebClient().getPage(second)));
        assertEquals("none: an earlier duplicate of this key, still valid, was reused", facts.get("Request"));
        assertEquals("issued", facts.get("Status"));

        JsonNode reused = firstDuplicateInApi(j, second);
        assertTrue(reused.path("reused").asBoolean(false), reused.toString());
        assertEquals(certificateId, reused.path("certificateId").asLong());
    }

    /** The build's first duplicate in its remote API ({@code api/json}, default depth). */
    private static JsonNode firstDuplicateInApi(JenkinsRule j, Run<?, ?> run) throws Exception {
        for (JsonNode action : new ObjectMapper()
                .readTree(j.getJSON(run.getUrl() + "api/json").getContentAsString())
                .path("actions")) {
            if (action.has("digicertDuplicates")) {
                return action.get("digicertDuplicates").get(0);
            }
        }
        throw new AssertionError("no digicertDuplicates in the remote API of " + run);
    }

    private static String certificateIdIn(Run<?, ?> run) throws IOException {
        Matcher matcher = Pattern.compile("certificateId=(\\d+)").matcher(JenkinsRule.getLog(run));
        assertTrue(matcher.find(), "the step's certificateId in the log");
        return matcher.group(1);
    }

    @Test
    void remoteApiListsTheDuplicate(JenkinsRule j) throws Exception {
        configure();
        WorkflowJob job = JenkinsTestSupport.pipeline(j, "api", script(ORDER_ID));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        X509Certificate leaf = leaf(run);
        String serial = serial(leaf);
        String requestId = requestId(run);

        // The default depth is enough: ?depth=0 prunes with TreePruner.ByDepth(1). Run's "actions"
        // (Actionable#getAllActions, visibility 1) is written and its elements get ByDepth(2); the action's
        // digicertDuplicates (visibility 2) passes 2 < 2 == false and its elements get ByDepth(3); the Summary
        // bean's properties take its defaultVisibility 3, and 3 < 3 == false, so they are written too.
        JenkinsRule.JSONWebResponse response = j.getJSON(run.getUrl() + "api/json");
        assertEquals(200, response.getStatusCode());
        String json = response.getContentAsString();
        assertFalse(json.contains(CertCentralSimulator.API_KEY), "nothing secret in the remote API");

        JsonNode duplicates = null;
        for (JsonNode action : new ObjectMapper().readTree(json).path("actions")) {
            if (action.has("digicertDuplicates")) {
                duplicates = action.get("digicertDuplicates");
            }
        }
        assertNotNull(duplicates, json);
        assertEquals(1, duplicates.size(), json);
        JsonNode first = duplicates.get(0);
        assertEquals(ORDER_ID, first.path("orderId").asLong());
        assertEquals(requestId, first.path("requestId").asText());
        assertEquals("issued", first.path("status").asText());
        assertEquals("example.com", first.path("commonName").asText());
        assertEquals(serial, first.path("serialNumber").asText());
        assertEquals(sha256(leaf), first.path("sha256Fingerprint").asText());
        assertEquals(
                leaf.getNotAfter().toInstant().toString(),
                first.path("notAfter").asText());
        assertTrue(first.path("daysLeft").isIntegralNumber(), first.toString());
        long daysLeft = first.path("daysLeft").asLong();
        assertTrue(daysLeft > 30 && daysLeft <= 397, "days left: " + daysLeft);
        assertFalse(first.path("expiresSoon").asBoolean(true), first.toString());
        List<String> artifacts = new ArrayList<>();
        first.path("artifacts").forEach(node -> artifacts.add(node.asText()));
        assertEquals(DEFAULT_PATHS, artifacts);

        // The README's tree query (a NamedPathPruner, which names properties and ignores visibility).
        String tree = "actions[digicertDuplicates[orderId,status,serialNumber,notAfter,daysLeft]]";
        JsonNode picked = null;
        for (JsonNode action : new ObjectMapper()
                .readTree(j.getJSON(run.getUrl() + "api/json?tree=" + URLEncoder.encode(tree, StandardCharsets.UTF_8))
                        .getContentAsString())
                .path("actions")) {
            if (action.has("digicertDuplicates")) {
                picked = action.get("digicertDuplicates").get(0);
            }
        }
        assertNotNull(picked, "the tree query finds the duplicate");
        assertEquals(ORDER_ID, picked.path("orderId").asLong());
        assertEquals("issued", picked.path("status").asText());
        assertEquals(serial, picked.path("serialNumber").asText());
        assertEquals(first.path("notAfter").asText(), picked.path("notAfter").asText());
        assertTrue(picked.path("daysLeft").isIntegralNumber(), picked.toString());
        assertFalse(picked.has("sha256Fingerprint"), "only the properties asked for: " + picked);

        // XML writes a list as repeated elements named in the singular (stapler's XMLDataWriter#toSingular):
        // one <digicertDuplicate> per duplicate, not <digicertDuplicates>.
        Page xmlPage = j.createWebClient().goTo(run.getUrl() + "api/xml", "application/xml");
        String xml = xmlPage.getWebResponse().getContentAsString();
        Matcher element = Pattern.compile("<digicertDuplicate(?:\\s[^>]*)?>(.*?)</digicertDuplicate>", Pattern.DOTALL)
                .matcher(xml);
        assertTrue(element.find(), xml);
        String entry = element.group(1);
        assertTrue(entry.contains("<orderId>" + ORDER_ID + "</orderId>"), entry);
        assertTrue(entry.contains("<status>issued</status>"), entry);
        assertTrue(entry.contains("<serialNumber>" + serial + "</serialNumber>"), entry);
        assertTrue(entry.contains("<artifact>" + FULLCHAIN + "</artifact>"), entry);
        assertFalse(element.find(), "one duplicate, one element");
        assertFalse(xml.contains(CertCentralSimulator.API_KEY), "nothing secret in the remote API");
    }

    @Test
    void archivedFilesAreFingerprintedAsProducedByTheBuild(JenkinsRule j) throws Exception {
        configure();
        WorkflowJob job = JenkinsTestSupport.pipeline(j, "fingerprints", script(ORDER_ID));
        WorkflowRun run = j.buildAndAssertSuccess(job);

        String md5 = md5(JenkinsTestSupport.artifact(run, FULLCHAIN));
        Fingerprint fingerprint = j.jenkins.getFingerprintMap().get(md5);
        assertNotNull(fingerprint, "a fingerprint for the archived fullchain.pem");
        assertEquals(md5, fingerprint.getHashString());
        assertTrue(fingerprint.getFileName().endsWith("fullchain.pem"), fingerprint.getFileName());
        Fingerprint.BuildPtr original = fingerprint.getOriginal();
        assertNotNull(original, "the build that produced it is recorded");
        assertTrue(original.is(run), original.toString());
        assertEquals(job.getFullName(), original.getName());
        assertEquals(List.of(job.getFullName()), fingerprint.getJobs());
        assertTrue(fingerprint.getRangeSet(job).includes(run.getNumber()));

        Fingerprinter.FingerprintAction action = run.getAction(Fingerprinter.FingerprintAction.class);
        assertNotNull(action, "the build lists its fingerprints");
        assertEquals(md5, action.getRecords().get(FULLCHAIN));
        // Only the files of this duplicate alone: chain.pem and root.pem are the same in every build, and
        // duplicate.json is this build's report.
        assertEquals(
                java.util.Set.of("digicert/certificate.pem", FULLCHAIN),
                action.getRecords().keySet(),
                action.getRecords().toString());
    }

    @Test
    void laterFreestyleStepsSeeTheDuplicatesVariables(JenkinsRule j) throws Exception {
        configure();
        FreeStyleProject project = j.createFreeStyleProject();
        project.getBuildersList().add(new JenkinsTestSupport.WriteCsr());
        project.getBuildersList()
                .add(new DigicertDuplicateBuilder(new DigicertDuplicateStep(
                        CREDENTIALS_ID, String.valueOf(ORDER_ID), JenkinsTestSupport.CSR_FILE)));
        // AbstractBuild#getEnvironment asks every EnvironmentContributingAction (its deprecated buildEnvVars,
        // which calls an overridden buildEnvironment), and CommandInterpreter builds its environment from it.
        project.getBuildersList()
                .add(
                        Functions.isWindows()
                                ? new BatchFile("echo serial=%DIGICERT_SERIAL% fullchain=%DIGICERT_FULLCHAIN% "
                                        + "status=%DIGICERT_STATUS% order=%DIGICERT_ORDER_ID% "
                                        + "chain=%DIGICERT_CHAIN% certificate=%DIGICERT_CERTIFICATE%")
                                : new Shell("echo \"serial=$DIGICERT_SERIAL fullchain=$DIGICERT_FULLCHAIN "
                                        + "status=$DIGICERT_STATUS order=$DIGICERT_ORDER_ID "
                                        + "chain=$DIGICERT_CHAIN certificate=$DIGICERT_CERTIFICATE\""));

        FreeStyleBuild build = j.buildAndAssertSuccess(project);

        String serial = serial(leaf(build));
        j.assertLogContains("serial=" + serial + " ", build);
        j.assertLogContains("fullchain=digicert/fullchain.pem", build);
        j.assertLogContains("status=issued", build);
        j.assertLogContains("order=" + ORDER_ID, build);
        j.assertLogContains("chain=digicert/chain.pem", build);
        j.assertLogContains("certificate=digicert/certificate.pem", build);
        j.assertLogNotContains(CertCentralSimulator.API_KEY, build);
        // The variables are the build's, not only the running step's: read back from the finished build.
        assertEquals(serial, build.getEnvironment(TaskListener.NULL).get("DIGICERT_SERIAL"));
    }

    /**
     * Pipeline's later steps see the variables too: for a run that is not an AbstractBuild, Run#getEnvironment
     * applies every EnvironmentContributingAction, and both {@code env} (EnvActionImpl) and each step's EnvVars
     * (DefaultStepContext) are computed from it when asked.
     */
    @Test
    void laterPipelineStepsSeeTheDuplicatesVariablesToo(JenkinsRule j) throws Exception {
        configure();
        WorkflowJob job = JenkinsTestSupport.pipeline(
                j,
                "variables",
                JenkinsTestSupport.onController(
                        CSR,
                        "  def cert = digicertDuplicate credentialsId: '" + CREDENTIALS_ID + "', orderId: '"
                                + ORDER_ID + "', csrFile: '" + JenkinsTestSupport.CSR_FILE + "'\n"
                                + "  echo \"returned=${cert.serialNumber} env=${env.DIGICERT_SERIAL} "
                                + "fullchain=${env.DIGICERT_FULLCHAIN} status=${env.DIGICERT_STATUS}\"\n"));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        String serial = serial(leaf(run));
        j.assertLogContains("returned=" + serial + " env=" + serial + " ", run);
        j.assertLogContains("fullchain=digicert/fullchain.pem", run);
        j.assertLogContains("status=issued", run);
    }

    @Test
    void certificateEndingWithinThirtyDaysIsWarnedAboutInTheLogAndOnThePage(JenkinsRule j) throws Exception {
        // The simulator issues duplicates that end with their order (CertCentralSimulator: min(397 days, order end)).
        LocalDate orderEnd = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        simulator.addOrder(ENDING_ORDER_ID, "ssl_plus", orderEnd, "example.com", "www.example.com");
        configure();
        WorkflowJob job = JenkinsTestSupport.pipeline(j, "ending", script(ENDING_ORDER_ID));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        X509Certificate leaf = leaf(run);
        assertEquals(
                orderEnd, leaf.getNotAfter().toInstant().atZone(ZoneOffset.UTC).toLocalDate());
        j.assertLogContains("WARNING: The certificate expires on " + orderEnd + ", in ", run);

        HtmlPage page = j.createWebClient().getPage(run);
        DomNode summary = onlySummary(page);
        List<String> warnings = new ArrayList<>();
        for (DomNode node : summary.querySelectorAll(".jenkins-alert-warning")) {
            warnings.add(normalized(node.getTextContent()));
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("The certificate expires on " + orderEnd + ", in "), warnings.get(0));
        assertTrue(warnings.get(0).contains("Renew the order in CertCentral"), warnings.get(0));

        JsonNode first = firstDuplicateInApi(j, run);
        assertTrue(first.path("expiresSoon").asBoolean(false), first.toString());
        assertTrue(first.path("daysLeft").asLong() < 30, first.toString());
    }

    /** Stores the key as a Secret text credential and points the plugin at the simulator. */
    private void configure() throws IOException {
        JenkinsTestSupport.useSimulatorWithKey(simulator, CertCentralSimulator.API_KEY);
    }

    /** One duplicate on the controller; the log then names the request the step sent. */
    private static String script(long orderId) {
        return JenkinsTestSupport.onController(
                CSR,
                "  def cert = digicertDuplicate credentialsId: '" + CREDENTIALS_ID + "', orderId: '" + orderId
                        + "', csrFile: '" + JenkinsTestSupport.CSR_FILE + "'\n"
                        + "  echo \"requestIds=${cert.requestIds}\"\n");
    }

    /** The request the step sent, as its returned map printed it: {@code requestIds=[N]}. */
    private static String requestId(Run<?, ?> run) throws IOException {
        Matcher matcher = Pattern.compile("requestIds=\\[(\\d+)]").matcher(JenkinsRule.getLog(run));
        assertTrue(matcher.find(), "the step's requestIds in the log");
        return matcher.group(1);
    }

    /** The page's DigiCert summary, which must be there once. */
    private static DomNode onlySummary(HtmlPage page) {
        List<DomNode> summaries = new ArrayList<>();
        for (DomNode node : page.querySelectorAll(".digicert-duplicate")) {
            summaries.add(node);
        }
        assertEquals(1, summaries.size(), "one summary for one duplicate");
        return summaries.get(0);
    }

    /** The summary's table: each row's label and its value, as a browser renders them. */
    private static Map<String, String> facts(DomNode summary) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (DomNode row : summary.querySelectorAll(".digicert-duplicate__facts tr")) {
            facts.put(
                    normalized(row.querySelector("th").asNormalizedText()),
                    normalized(row.querySelector("td").asNormalizedText()));
        }
        return facts;
    }

    private static String normalized(String text) {
        return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    private static X509Certificate leaf(Run<?, ?> run) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new ByteArrayInputStream(JenkinsTestSupport.artifact(run, "digicert/certificate.pem")));
    }

    /** The serial as CertCentral and the plugin show it: upper-case hexadecimal. */
    private static String serial(X509Certificate leaf) {
        return leaf.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    private static String sha256(X509Certificate leaf) throws Exception {
        return HexFormat.ofDelimiter(":")
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }
}
