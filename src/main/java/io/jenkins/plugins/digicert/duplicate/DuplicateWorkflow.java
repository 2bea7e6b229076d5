package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.DigicertException;
import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.certcentral.CertCentralClient;
import io.jenkins.plugins.digicert.certcentral.CertCentralException;
import io.jenkins.plugins.digicert.certcentral.DuplicateListing;
import io.jenkins.plugins.digicert.certcentral.DuplicateRequestBody;
import io.jenkins.plugins.digicert.certcentral.OrderDetails;
import io.jenkins.plugins.digicert.certcentral.RetryPolicy;
import io.jenkins.plugins.digicert.pki.CertificateChain;
import io.jenkins.plugins.digicert.pki.CertificateFacts;
import io.jenkins.plugins.digicert.pki.CertificateRequest;
import io.jenkins.plugins.digicert.pki.ChainAssembler;
import io.jenkins.plugins.digicert.time.TimeSource;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The whole duplicate: names, request, waiting, chain, files. It never sends the duplicate request twice
 * for one build: after an unclear answer it first looks for the duplicate in the order's list.
 */
public final class DuplicateWorkflow {

    private final CertCentralClient client;
    private final TimeSource time;
    private final RetryPolicy resubmitPolicy;
    private final ProgressLog log;

    public DuplicateWorkflow(CertCentralClient client, TimeSource time, RetryPolicy resubmitPolicy, ProgressLog log) {
        this.client = client;
        this.time = time;
        this.resubmitPolicy = resubmitPolicy;
        this.log = log;
    }

    public DuplicateOutcome run(DuplicateOptions options, CertificateRequest csr)
            throws DigicertException, InterruptedException {
        Names names = names(options);
        List<String> warnings = new ArrayList<>(compareWithCsr(csr, names));
        log.line("Requesting a duplicate of order " + options.orderId() + " for " + names.commonName()
                + describeSans(names.dnsNames()) + ", " + options.signatureHash());
        Submission submission = submitOnce(options.orderId(), requestBody(options, names, csr), csr);
        if (submission.pending() && !options.waitPolicy().enabled()) {
            log.line("Request " + submission.requestLabel() + " is pending approval; not waiting, as asked");
            return DuplicateOutcome.pending(
                    options.orderId(), submission, names.commonName(), names.dnsNames(), warnings);
        }
        long certificateId = submission.pending()
                ? new IssuanceWaiter(client, time, log).await(options.orderId(), submission, csr, options.waitPolicy())
                : submission.certificateId();
        CertificateChain chain = chain(submission, certificateId, csr);
        return issued(options.orderId(), submission, certificateId, chain, names, warnings);
    }

    /** The names to secure, and the order when it had to be read for them. */
    private record Names(String commonName, List<String> dnsNames, Optional<OrderDetails> order) {}

    /** The names given, or the order's, checked against DigiCert's duplicate rules before anything is sent. */
    private Names names(DuplicateOptions options) throws DigicertException, InterruptedException {
        if (options.namesGiven()) {
            return new Names(options.commonName().orElseThrow(), options.dnsNames(), Optional.empty());
        }
        long orderId = options.orderId();
        log.line("Reading order " + orderId + " for the names to secure");
        OrderDetails order = client.orderDetails(orderId);
        String commonName =
                options.commonName().orElseGet(() -> lower(order.certificate().commonName()));
        if (commonName == null) {
            throw new InvalidInputException("Order " + orderId + " has no common name; give commonName.");
        }
        List<String> dnsNames = options.dnsNames().isEmpty() ? namesOf(order) : options.dnsNames();
        List<String> violations = NameRules.violations(commonName, dnsNames, order);
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The names break DigiCert's duplicate rules for order " + orderId + ":\n - "
                    + String.join("\n - ", violations));
        }
        return new Names(commonName, dnsNames, Optional.of(order));
    }

    private static DuplicateRequestBody requestBody(DuplicateOptions options, Names names, CertificateRequest csr) {
        return new DuplicateRequestBody(new DuplicateRequestBody.Certificate(
                names.commonName(),
                names.dnsNames(),
                csr.pem(),
                options.serverPlatformId()
                        .map(DuplicateRequestBody.ServerPlatform::new)
                        .orElse(null),
                options.signatureHash(),
                options.caCertId().orElse(null)));
    }

    /** The chain DigiCert sent with its answer, or the issued certificate's, downloaded; checked against the CSR. */
    private CertificateChain chain(Submission submission, long certificateId, CertificateRequest csr)
            throws DigicertException, InterruptedException {
        if (submission.hasChain()) {
            log.line("DigiCert issued the duplicate at once (certificate id " + certificateId + ")");
            return ChainAssembler.assemble(submission.chainPems(), csr);
        }
        return ChainAssembler.assemble(client.downloadPemAll(certificateId), csr);
    }

    private DuplicateOutcome issued(
            long orderId,
            Submission submission,
            long certificateId,
            CertificateChain chain,
            Names names,
            List<String> warnings) {
        warnings.addAll(chain.warnings());
        CertificateFacts leaf = chain.leafFacts();
        names.order().ifPresent(order -> checkValidity(order, leaf, warnings));
        warnings.forEach(log::warn);
        log.line("Issued serial " + leaf.serialNumber() + " for " + names.commonName() + ", valid until "
                + leaf.notAfter());
        return DuplicateOutcome.issued(orderId, submission.requestIds(), certificateId, chain, warnings);
    }

    private Submission submitOnce(long orderId, DuplicateRequestBody body, CertificateRequest csr)
            throws DigicertException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return Submission.of(client.submitDuplicate(orderId, body));
            } catch (CertCentralException e) {
                if (!e.outcomeUnknown()) {
                    throw e;
                }
                log.line("No clear answer to the duplicate request (" + statusOf(e) + "); looking for it in the "
                        + "order's duplicates before sending it again");
                Optional<DuplicateListing.Item> sent = CsrMatcher.find(client.listDuplicates(orderId), csr);
                if (sent.isPresent()) {
                    log.line("Found it: DigiCert did receive the request (status "
                            + sent.get().status() + ")");
                    return Submission.of(sent.get());
                }
                if (attempt >= resubmitPolicy.maxAttempts()) {
                    throw e;
                }
                Duration delay = resubmitPolicy.backoff(
                        attempt, () -> ThreadLocalRandom.current().nextDouble());
                log.line("Not there: sending the request again in " + Durations.human(delay));
                time.sleep(delay);
            }
        }
    }

    private static String statusOf(CertCentralException e) {
        return e.status() == CertCentralException.NO_RESPONSE ? "no answer" : "HTTP " + e.status();
    }

    private static List<String> namesOf(OrderDetails order) {
        Set<String> names = new LinkedHashSet<>();
        order.certificate().dnsNames().forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        return List.copyOf(names);
    }

    private static List<String> compareWithCsr(CertificateRequest csr, Names names) {
        String commonName = names.commonName();
        List<String> dnsNames = names.dnsNames();
        List<String> warnings = new ArrayList<>();
        Optional<String> csrCn = csr.commonName().map(DuplicateWorkflow::lower);
        if (csrCn.isPresent() && !csrCn.get().equals(commonName)) {
            warnings.add("The CSR's common name '" + csrCn.get() + "' differs from the requested '" + commonName
                    + "'. DigiCert uses the requested names, not the CSR's.");
        }
        Set<String> requested = new LinkedHashSet<>(dnsNames);
        requested.add(commonName);
        List<String> extra =
                csr.dnsNames().stream().filter(n -> !requested.contains(n)).toList();
        if (!extra.isEmpty()) {
            warnings.add("The CSR asks for " + extra + ", which the request does not include; the certificate will "
                    + "not cover them.");
        }
        return warnings;
    }

    private void checkValidity(OrderDetails order, CertificateFacts leaf, List<String> warnings) {
        String validTill = order.certificate().validTill();
        if (validTill == null) {
            return;
        }
        try {
            LocalDate orderEnd = LocalDate.parse(validTill.length() > 10 ? validTill.substring(0, 10) : validTill);
            LocalDate certEnd = leaf.notAfter().atZone(ZoneOffset.UTC).toLocalDate();
            if (certEnd.plusDays(1).isBefore(orderEnd)) {
                warnings.add("The duplicate is valid until " + certEnd + ", before the order's " + orderEnd
                        + ": DigiCert caps public TLS certificates at 397 days. Request another duplicate in the "
                        + "order's last 397 days to use the rest.");
            }
        } catch (DateTimeParseException e) {
            // An unexpected date format only costs the warning.
        }
    }

    private static String describeSans(List<String> dnsNames) {
        return dnsNames.isEmpty() ? "" : ", dns_names " + String.join(" ", dnsNames);
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
