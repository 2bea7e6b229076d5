package io.jenkins.plugins.digicert;

/** How a user's own value is quoted back in a message. */
public final class MessageText {

    private MessageText() {}

    /** The value cut short, with control characters made visible, so a message stays one readable line. */
    public static String quote(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "\u2026" : value;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
