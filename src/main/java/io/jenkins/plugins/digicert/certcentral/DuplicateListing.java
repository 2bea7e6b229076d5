package io.jenkins.plugins.digicert.certcentral;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /order/certificate/{order_id}/duplicate}: the order's duplicates, sometimes with its primary.
 *
 * @param servedAt when CertCentral served the list, by its own clock (the answer's {@code Date} header); null when
 *     the answer had none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DuplicateListing(
        List<Item> certificates, @CheckForNull Instant servedAt) {

    public DuplicateListing {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }

    @JsonCreator
    public DuplicateListing(@JsonProperty("certificates") List<Item> certificates) {
        this(certificates, null);
    }

    DuplicateListing servedAt(Optional<Instant> at) {
        return new DuplicateListing(certificates, at.orElse(null));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(
            @JsonProperty("id") long id,
            @JsonProperty("serial_number") String serialNumber,
            @JsonProperty("common_name") String commonName,
            @JsonProperty("dns_names") List<String> dnsNames,
            @JsonProperty("status") String status,
            @JsonProperty("date_created") String dateCreated,
            @JsonProperty("valid_till") String validTill,
            @JsonProperty("csr") String csr) {

        public Item {
            dnsNames = dnsNames == null
                    ? List.of()
                    : dnsNames.stream().filter(java.util.Objects::nonNull).toList();
        }

        public boolean issued() {
            return "issued".equalsIgnoreCase(status) || "approved".equalsIgnoreCase(status);
        }

        public boolean rejected() {
            return "rejected".equalsIgnoreCase(status);
        }

        /** The last day it is valid ({@code valid_till}); empty while it is not issued, or when unreadable. */
        public Optional<LocalDate> validUntil() {
            return CertCentralDates.parse(validTill)
                    .map(at -> at.atZone(ZoneOffset.UTC).toLocalDate());
        }

        /** When DigiCert made it, by DigiCert's clock; empty when the entry has no readable date. */
        public Optional<Instant> created() {
            return CertCentralDates.parse(dateCreated);
        }
    }
}
