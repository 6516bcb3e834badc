package dev.blueprint.lang.model;

import dev.blueprint.lang.source.Span;

/** An unnamed settings block: {@code server}, {@code probes}, {@code deploy} or {@code security}. */
public record SettingsDecl(Kind kind, Span keywordSpan, Block body, String doc, Span span) implements Decl {
    public enum Kind {
        SERVER("server"),
        PROBES("probes"),
        DEPLOY("deploy"),
        SECURITY("security");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }
}
