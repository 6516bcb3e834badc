package dev.blueprint.runtime;

/** One failing field of a request body, listed in a 422 problem. */
public record FieldError(String field, String message) {}
