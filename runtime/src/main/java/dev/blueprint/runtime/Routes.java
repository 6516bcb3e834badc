package dev.blueprint.runtime;

import java.util.ArrayList;
import java.util.List;

/** Route registrations: a method, a path template with {@code {name}} parameters, a handler. */
public final class Routes {

    /** One registered route. */
    record Route(String method, String template, Handler handler) {
    }

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

    /** Registers every route of {@code api}. */
    public Routes add(Api api) {
        api.register(this);
        return this;
    }

    private Routes add(String method, String template, Handler handler) {
        if (!template.startsWith("/")) throw new IllegalArgumentException("a route template starts with /: " + template);
        for (Route route : routes) {
            if (route.method().equals(method) && route.template().equals(template)) {
                throw new IllegalArgumentException("route " + method + " " + template + " is registered twice");
            }
        }
        routes.add(new Route(method, template, handler));
        return this;
    }

    List<Route> all() {
        return List.copyOf(routes);
    }
}
