package io.jenkins.plugins.digicert.simulator;

/**
 * What the simulated account does with a duplicate request: issue at once, or keep it pending for a number
 * of polls (a look at its request, {@code GET /request/{id}}, or at the order's duplicate list) and then
 * approve or reject it, or keep it pending for good.
 */
public record Issuance(int pendingPolls, boolean rejectAfterPolls) {

    public static final Issuance IMMEDIATE = new Issuance(0, false);
    public static final Issuance NEVER = new Issuance(Integer.MAX_VALUE, false);

    public static Issuance pendingThenIssued(int polls) {
        return new Issuance(polls, false);
    }

    public static Issuance pendingThenRejected(int polls) {
        return new Issuance(polls, true);
    }

    boolean immediate() {
        return pendingPolls == 0 && !rejectAfterPolls;
    }
}
