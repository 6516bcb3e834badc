package dev.blueprint.runtime;

import dev.blueprint.runtime.security.Security;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.PathTemplateMatcher;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The last link, on a worker: the registered routes. It finds the template for the path (Undertow's
 * {@link PathTemplateMatcher}: the most specific template wins), then the method, lets {@link Security#admit} check
 * the caller (401, 429, 403), runs the route's {@link Handler} and sends its {@link Reply}. An unknown path is a 404
 * problem and a known path with another method a 405 with {@code Allow}; those and what the handler throws are thrown
 * on, for the failure handler before it ({@link Responses#answeringFailures}).
 *
 * <p>Template first, then method, as one lookup table built at start: Undertow's {@code RoutingHandler} matches the
 * method first (so a template for another method would answer instead of 405) and cannot name the allowed methods.
 */
final class Router implements HttpHandler {

    /** A registered route, ready to run. */
    private record Route(Handler handler, Optional<Access> access) {}

    /** The routes of one template, by method, and the methods it allows (sorted, for {@code Allow}). */
    private record Template(Map<String, Route> byMethod, List<String> allowed) {}

    private final PathTemplateMatcher<Template> matcher = new PathTemplateMatcher<>();
    private final Security security;
    private final ServerConfig server;

    Router(List<Routes.Route> routes, Security security, ServerConfig server) {
        this.security = security;
        this.server = server;
        Map<String, Map<String, Route>> byTemplate = new LinkedHashMap<>();
        for (Routes.Route route : routes) {
            byTemplate
                    .computeIfAbsent(route.template(), t -> new TreeMap<>())
                    .put(route.method(), new Route(route.handler(), route.access()));
        }
        byTemplate.forEach((template, byMethod) ->
                matcher.add(template, new Template(new HashMap<>(byMethod), List.copyOf(byMethod.keySet()))));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        PathTemplateMatcher.PathMatchResult<Template> match = matcher.match(exchange.getRelativePath());
        if (match == null) throw Problem.notFound("no resource at " + exchange.getRequestPath());
        exchange.putAttachment(ObservationHandler.ROUTE, match.getMatchedTemplate());
        exchange.putAttachment(PathTemplateMatch.ATTACHMENT_KEY, match);
        String method = exchange.getRequestMethod().toString();
        Route route = match.getValue().byMethod().get(method);
        if (route == null)
            throw Problem.methodNotAllowed(method, match.getValue().allowed());
        security.admit(exchange, route.access());
        Responses.reply(exchange, route.handler().handle(new Request(exchange, server)));
    }
}
