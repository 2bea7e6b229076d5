package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.InvalidInputException;
import io.jenkins.plugins.digicert.certcentral.OrderDetails;
import java.util.List;
import java.util.Optional;

/** The step's parameters, each checked: building one is the point where bad input fails the build. */
public final class DuplicateOptions {

    private final long orderId;
    private final Long requestId;
    private final String commonName;
    private final List<String> dnsNames;
    private final String signatureHash;
    private final Integer serverPlatformId;
    private final String caCertId;
    private final WaitPolicy waitPolicy;
    private final Integer reuseDaysLeft;
    private final String keyFile;
    private final boolean keyMadeByStep;
    private final OrderDetails knownOrder;

    private DuplicateOptions(Builder builder) throws InvalidInputException {
        this.orderId = Inputs.orderId(builder.orderId);
        this.requestId = Inputs.requestId(builder.requestId);
        this.commonName = builder.commonName == null || builder.commonName.isBlank()
                ? null
                : Inputs.dnsName(builder.commonName, "commonName");
        this.dnsNames = Inputs.dnsNames(builder.dnsNames);
        this.signatureHash = Inputs.signatureHash(builder.signatureHash);
        this.serverPlatformId = Inputs.serverPlatformId(builder.serverPlatformId);
        this.caCertId = Inputs.caCertId(builder.caCertId);
        this.waitPolicy = builder.waitPolicy;
        this.reuseDaysLeft = Inputs.reuseDaysLeft(builder.reuseDaysLeft);
        this.keyFile = builder.keyFile;
        this.keyMadeByStep = builder.keyMadeByStep;
        this.knownOrder = builder.knownOrder;
        OptionConflict.refuse(keyMadeByStep, reuseDaysLeft != null, requestId != null, false);
    }

    public static Builder builder(String orderId) {
        return new Builder(orderId);
    }

    public long orderId() {
        return orderId;
    }

    /** A request sent by an earlier build, to collect instead of sending a new one. */
    public Optional<Long> requestId() {
        return Optional.ofNullable(requestId);
    }

    public Optional<String> commonName() {
        return Optional.ofNullable(commonName);
    }

    public List<String> dnsNames() {
        return dnsNames;
    }

    /** Both the common name and the SANs were given, so the order need not be asked for them. */
    public boolean namesGiven() {
        return commonName != null && !dnsNames.isEmpty();
    }

    public String signatureHash() {
        return signatureHash;
    }

    public Optional<Integer> serverPlatformId() {
        return Optional.ofNullable(serverPlatformId);
    }

    public Optional<String> caCertId() {
        return Optional.ofNullable(caCertId);
    }

    public WaitPolicy waitPolicy() {
        return waitPolicy;
    }

    /** The checked workspace path the private key takes once its certificate is written. */
    public Optional<String> keyFile() {
        return Optional.ofNullable(keyFile);
    }

    /** Whether the step makes the key pair (so nothing can be reused or collected with it). */
    public boolean keyMadeByStep() {
        return keyMadeByStep;
    }

    /** The order, when it was read already (for the names of a key made by the step). */
    Optional<OrderDetails> knownOrder() {
        return Optional.ofNullable(knownOrder);
    }

    /** These options with the names settled and the order they came from, so that it is not read again. */
    DuplicateOptions withNames(String commonName, List<String> dnsNames, Optional<OrderDetails> order)
            throws InvalidInputException {
        Builder builder = toBuilder();
        builder.commonName = commonName;
        builder.dnsNames = dnsNames;
        builder.knownOrder = order.orElse(null);
        return builder.build();
    }

    private Builder toBuilder() {
        Builder builder = new Builder(String.valueOf(orderId));
        builder.requestId = requestId == null ? null : String.valueOf(requestId);
        builder.commonName = commonName;
        builder.dnsNames = dnsNames;
        builder.signatureHash = signatureHash;
        builder.serverPlatformId = serverPlatformId;
        builder.caCertId = caCertId;
        builder.waitPolicy = waitPolicy;
        builder.reuseDaysLeft = reuseDaysLeft;
        builder.keyFile = keyFile;
        builder.keyMadeByStep = keyMadeByStep;
        builder.knownOrder = knownOrder;
        return builder;
    }

    /** Reuse a duplicate of this key valid at least this many more days, instead of requesting another. */
    public Optional<Integer> reuseDaysLeft() {
        return Optional.ofNullable(reuseDaysLeft);
    }

    public static final class Builder {
        private final String orderId;
        private String requestId;
        private String commonName;
        private List<String> dnsNames = List.of();
        private String signatureHash;
        private Integer serverPlatformId;
        private String caCertId;
        private WaitPolicy waitPolicy = WaitPolicy.DEFAULT;
        private Integer reuseDaysLeft;
        private String keyFile;
        private boolean keyMadeByStep;
        private OrderDetails knownOrder;

        private Builder(String orderId) {
            this.orderId = orderId;
        }

        public Builder requestId(String value) {
            this.requestId = value;
            return this;
        }

        public Builder commonName(String value) {
            this.commonName = value;
            return this;
        }

        public Builder dnsNames(List<String> values) {
            this.dnsNames = values == null ? List.of() : values;
            return this;
        }

        public Builder signatureHash(String value) {
            this.signatureHash = value;
            return this;
        }

        public Builder serverPlatformId(Integer value) {
            this.serverPlatformId = value;
            return this;
        }

        public Builder caCertId(String value) {
            this.caCertId = value;
            return this;
        }

        public Builder waitPolicy(WaitPolicy value) {
            this.waitPolicy = value == null ? WaitPolicy.DEFAULT : value;
            return this;
        }

        public Builder reuseDaysLeft(Integer value) {
            this.reuseDaysLeft = value;
            return this;
        }

        /**
         * Where the private key goes once the certificate is written, and whether the step makes it: a key the step
         * makes is new, so there is nothing to reuse or collect with it.
         */
        public Builder keyFile(String path, boolean madeByStep) {
            this.keyFile = path;
            this.keyMadeByStep = madeByStep;
            return this;
        }

        public DuplicateOptions build() throws InvalidInputException {
            return new DuplicateOptions(this);
        }
    }
}
