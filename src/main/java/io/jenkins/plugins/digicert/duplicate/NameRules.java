package io.jenkins.plugins.digicert.duplicate;

import io.jenkins.plugins.digicert.certcentral.OrderDetails;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DigiCert's rules for the names of a duplicate, checked against the order before sending, so that the user
 * learns which name breaks which rule instead of getting a bare 400. Names must match the order's, except
 * that a multi-domain order may move a SAN into the common name, a wildcard order may add subdomains of the
 * wildcard, and a Flex (Basic) order may leave names out.
 */
final class NameRules {

    private NameRules() {}

    static List<String> violations(String commonName, List<String> dnsNames, OrderDetails order) {
        String orderCn = lower(order.certificate().commonName());
        Set<String> orderNames = new LinkedHashSet<>();
        if (orderCn != null) {
            orderNames.add(orderCn);
        }
        order.certificate().dnsNames().forEach(n -> orderNames.add(lower(n)));
        String product =
                order.product().nameId() == null ? "" : order.product().nameId().toLowerCase(Locale.ROOT);
        boolean multiDomain = product.isEmpty() || product.contains("multi");
        boolean flex = product.contains("basic") || product.contains("flex");

        List<String> problems = new ArrayList<>();
        Set<String> requested = new LinkedHashSet<>();
        requested.add(commonName);
        requested.addAll(dnsNames);
        for (String name : requested) {
            if (!orderNames.contains(name)) {
                String wildcard = coveringWildcard(name, orderNames);
                if (wildcard == null) {
                    problems.add("'" + name + "' is not a name of order " + order.id() + " " + orderNames
                            + ": a duplicate can only secure the order's names (a wildcard order may add subdomains "
                            + "of its wildcard).");
                }
            }
        }
        if (orderCn != null && !commonName.equals(orderCn) && orderNames.contains(commonName) && !multiDomain) {
            problems.add("commonName '" + commonName + "' differs from the order's common name '" + orderCn
                    + "': only a multi-domain order may move a SAN into the common name.");
        }
        if (!flex) {
            for (String name : orderNames) {
                if (!requested.contains(name)) {
                    problems.add("'" + name + "' of order " + order.id() + " is missing: a duplicate must keep all of "
                            + "the order's names (only Flex orders may leave names out). Add it to dnsNames.");
                }
            }
        }
        return problems;
    }

    /** The order's wildcard that covers {@code name} as a direct subdomain, e.g. *.example.com for a.example.com. */
    private static String coveringWildcard(String name, Set<String> orderNames) {
        for (String orderName : orderNames) {
            if (orderName.startsWith("*.")) {
                String base = orderName.substring(1); // ".example.com"
                if (name.endsWith(base) && !name.startsWith("*.")) {
                    String label = name.substring(0, name.length() - base.length());
                    if (!label.isEmpty() && !label.contains(".")) {
                        return orderName;
                    }
                }
            }
        }
        return null;
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
