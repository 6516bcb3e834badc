package dev.blueprint.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body being read field by field. Every {@link Field#read} records its failure here instead of
 * throwing, so that {@link #validate()} can answer 422 listing every failing field at once.
 */
public final class JsonInput {

    private final ObjectNode object;
    private final List<FieldError> errors = new ArrayList<>();

    public JsonInput(ObjectNode object) {
        this.object = object;
    }

    /** The raw value of {@code name}; null when absent. */
    JsonNode raw(String name) {
        return object.get(name);
    }

    void reject(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Records an extra failure, e.g. a cross-field rule. */
    public void reject(FieldError error) {
        errors.add(error);
    }

    /** Throws 422 when any field failed. */
    public void validate() {
        if (!errors.isEmpty()) throw Problem.validation(errors);
    }
}
