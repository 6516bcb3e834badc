package dev.blueprint.lang.naming;

import java.util.Locale;

/**
 * How names written in a blueprint become other names: {@code snake_case} for SQL, {@code UPPER_SNAKE} for constants
 * and environment variables, {@code kebab-case} for images and Kubernetes objects, camel case for Java. The one home
 * of these conversions: the checker, the editor, the generator and {@code blueprint validate} all call these, so a
 * name shown in one place is the name used in another.
 */
public final class Identifiers {

    private Identifiers() {}

    /** {@code ServiceItem} becomes {@code service_item}, {@code startsAt} {@code starts_at}; underscores stay. */
    public static String snake(String name) {
        return wordBreaks(name, "_").toLowerCase(Locale.ROOT);
    }

    /** {@code startsAt} becomes {@code STARTS_AT}, {@code backOffice} {@code BACK_OFFICE}. */
    public static String upperSnake(String name) {
        return wordBreaks(name, "_").toUpperCase(Locale.ROOT);
    }

    /** {@code AutoShop} becomes {@code auto-shop}, {@code auto_shop} too. */
    public static String kebab(String name) {
        return wordBreaks(name, "-").replace('_', '-').toLowerCase(Locale.ROOT);
    }

    /**
     * A DNS-1123 label (what Kubernetes objects are named): {@link #kebab} with everything but {@code a-z}, digits and
     * single inner dashes removed.
     */
    public static String dnsLabel(String name) {
        return kebab(name).replaceAll("[^a-z0-9-]", "").replaceAll("-+", "-").replaceAll("^-|-$", "");
    }

    /**
     * A Java member name: {@code starts_at} becomes {@code startsAt}, {@code StartsAt} {@code startsAt}; a name with
     * nothing but underscores becomes {@code field}; characters Java does not allow become {@code _}
     * ({@link #javaIdentifier}). Keywords are left as they are: the generator's name allocator escapes those.
     */
    public static String lowerCamel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : out.length() == 0 ? Character.toLowerCase(c) : c);
                upper = false;
            }
        }
        return out.length() == 0 ? "field" : javaIdentifier(out.toString());
    }

    /** A Java type name: {@link #lowerCamel} with its first letter upper case; {@code service_item} is {@code ServiceItem}. */
    public static String upperCamel(String name) {
        String camel = lowerCamel(name);
        return camel.isEmpty() ? camel : Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }

    /**
     * {@code text} with every character Java does not allow in an identifier replaced by {@code _}, and a {@code _} in
     * front when it starts with one that may only follow (a digit). The same rule as JavaPoet's
     * {@code NameAllocator.toJavaIdentifier}, which the generator's allocator applies again (to no effect).
     */
    public static String javaIdentifier(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (i == 0 && !Character.isJavaIdentifierStart(codePoint) && Character.isJavaIdentifierPart(codePoint)) {
                out.append('_');
            }
            out.appendCodePoint(Character.isJavaIdentifierPart(codePoint) ? codePoint : '_');
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    /** {@code "AutoShop"} with {@code separator} where a lower-case letter or a digit meets an upper-case letter. */
    private static String wordBreaks(String name, String separator) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1" + separator + "$2");
    }
}
