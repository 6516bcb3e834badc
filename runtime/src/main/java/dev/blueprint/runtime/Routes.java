package dev.blueprint.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Route registrations: a method, a path template with {@code {name}} parameters, a handler, and who may call it.
 * The two-argument forms register the default rule: {@link Access#AUTHENTICATED} when the service authenticates,
 * open when it does not. An explicit {@link Access#AUTHENTICATED} or {@link Access#anyRole} on a service without
 * authentication makes {@code start()} fail.
 */
public final class Routes {

    /** One registered route; {@code access} is empty for the default rule. */
    record Route(String method, String template, Handler handler, Optional<Access> access) {}

    private final List<Route> routes = new ArrayList<>();

    public Routes get(String template, Handler handler) {
        return add("GET", template, handler);
    }

    public Routes post(String template, Handler handler) {
        return add("POST", template, handler);
    }

    public Routes put(String template, Handler handler) {
        return add("PUT", template, handler);
    }

    public Routes delete(String template, Handler handler) {
        return add("DELETE", template, handler);
    }

    public Routes get(String template, Access access, Handler handler) {
        return add("GET", template, requireAccess(access), handler);
    }

    public Routes post(String template, Access access, Handler handler) {
        return add("POST", template, requireAccess(access), handler);
    }

    public Routes put(String template, Access access, Handler handler) {
        return add("PUT", template, requireAccess(access), handler);
    }

    public Routes delete(String template, Access access, Handler handler) {
        return add("DELETE", template, requireAccess(access), handler);
    }

    /** Registers every route of {@code api}. */
    public Routes add(Api api) {
        api.register(this);
        return this;
    }

    private Routes add(String method, String template, Handler handler) {
        return add(method, template, Optional.empty(), handler);
    }

    private static Optional<Access> requireAccess(Access access) {
        if (access == null)
            throw new IllegalArgumentException("access must not be null; use Access.PUBLIC for an open route");
        return Optional.of(access);
    }

    private Routes add(String method, String template, Optional<Access> access, Handler handler) {
        if (!template.startsWith("/"))
            throw new IllegalArgumentException("a route template starts with /: " + template);
        for (Route route : routes) {
            if (route.method().equals(method) && route.template().equals(template)) {
                throw new IllegalArgumentException("route " + method + " " + template + " is registered twice");
            }
        }
        routes.add(new Route(method, template, handler, access));
        return this;
    }

    List<Route> all() {
        return List.copyOf(routes);
    }
}
