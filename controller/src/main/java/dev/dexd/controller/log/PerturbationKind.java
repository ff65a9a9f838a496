package dev.dexd.controller.log;

/**
 * The perturbations of the Rubik's cube paper's section 9.2, and how the log records each: a memory
 * reset is a STATE_RESET event (written only when asked for, never at an episode start), a joint lock
 * and a resampling of the dynamics are PERTURBATION events whose text starts with the kind's word and
 * a colon. The writers ({@code PerturbationCommands}) and the reader ({@link PerturbationAnalysis})
 * share these words.
 */
public enum PerturbationKind {
    RESET_MEMORY("reset-memory"),
    LOCK_JOINT("lock-joint"),
    RANDOMISE("randomise");

    private final String word;

    PerturbationKind(String word) {
        this.word = word;
    }

    /** The word in config, on the console and at the start of the event text. */
    public String word() {
        return word;
    }

    /** The kind named {@code word}, or null. */
    public static PerturbationKind ofWord(String word) {
        for (PerturbationKind k : values()) {
            if (k.word.equals(word)) {
                return k;
            }
        }
        return null;
    }

    /** The perturbation an event records, or null when it records none. */
    public static PerturbationKind of(EventType type, CharSequence text) {
        if (type == EventType.STATE_RESET) {
            return RESET_MEMORY;
        }
        if (type != EventType.PERTURBATION) {
            return null;
        }
        for (PerturbationKind k : values()) {
            if (k != RESET_MEMORY && startsWith(text, k.word) && text.length() > k.word.length()
                && text.charAt(k.word.length()) == ':') {
                return k;
            }
        }
        return null;
    }

    private static boolean startsWith(CharSequence text, String prefix) {
        if (text.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
