package dev.blueprint.runtime;

/** A group of routes, e.g. everything one resource exposes. */
@FunctionalInterface
public interface Api {

    void register(Routes routes);
}
