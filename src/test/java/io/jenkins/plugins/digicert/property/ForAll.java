package io.jenkins.plugins.digicert.property;

import java.util.Random;
import java.util.function.Function;

/**
 * A small property-test runner: a generator makes random inputs, the property checks each one. It reports the
 * seed and the try of the first failure, so that {@code -Dproperty.seed=S} replays the same inputs.
 *
 * <p>jqwik was the first choice; version 1.10.1 prints at every run that AI agents must not use it and that its
 * results are to be ignored, and this project's tests are partly written by one. This runner does what the tests
 * here need (seeded generation, many tries, the failing input in the report) without shrinking.
 */
public final class ForAll {

    /** Tries per property; {@code -Dproperty.tries=N} for a longer search. */
    public static final int TRIES = Integer.getInteger("property.tries", 200);

    private static final java.security.SecureRandom SEEDS = new java.security.SecureRandom();

    private ForAll() {}

    @FunctionalInterface
    public interface Property<T> {
        void check(T value) throws Exception;
    }

    public static <T> void check(Function<Random, T> generator, Property<T> property) {
        check(TRIES, generator, property);
    }

    public static <T> void check(int tries, Function<Random, T> generator, Property<T> property) {
        long seed = Long.getLong("property.seed", SEEDS.nextLong());
        for (int i = 0; i < tries; i++) {
            T value = generator.apply(new Random(mix(seed + i)));
            try {
                property.check(value);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(
                        "Property failed on try " + (i + 1) + " of " + tries + " (replay with -Dproperty.seed=" + seed
                                + "), input: " + shorten(String.valueOf(value)),
                        e);
            }
        }
    }

    /**
     * SplitMix64's finalizer, so that the tries' generators start far apart: {@code new Random(seed + i)} gives
     * nearly the same first draws for consecutive {@code i} ({@code nextInt(16)} was the same in all 200 tries).
     */
    static long mix(long seed) {
        long z = seed;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String shorten(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "… (" + text.length() + " characters)";
    }
}
