package dev.blueprint.runtime;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** A service without a store whose routes show the access rules, to test the runtime's security with. */
final class SecuredService {

    private SecuredService() {}

    /** What every route answers: the caller's name and roles, or {@code anonymous}. */
    static Reply whoAmI(Request request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caller", request.principal().map(Principal::name).orElse("anonymous"));
        body.put("scheme", request.principal().map(Principal::scheme).orElse("none"));
        body.put("roles", request.principal().map(p -> new TreeSet<>(p.roles())).orElse(new TreeSet<>()));
        return Reply.ok(body);
    }

    /** The routes: one per access rule. */
    static final class AccessRoutes implements Api {
        @Override
        public void register(Routes routes) {
            routes.get("/public", Access.PUBLIC, SecuredService::whoAmI)
                    .get("/me", SecuredService::whoAmI)
                    .post("/authenticated", Access.AUTHENTICATED, SecuredService::whoAmI)
                    .get("/clerk", Access.anyRole("clerk", "admin"), SecuredService::whoAmI)
                    .put("/admin/{id}", Access.anyRole("admin"), SecuredService::whoAmI)
                    .delete("/admin/{id}", Access.anyRole("admin"), SecuredService::whoAmI);
        }
    }

    /** The routes a service without authentication may have: public ones and default ones. */
    static final class OpenRoutes implements Api {
        @Override
        public void register(Routes routes) {
            routes.get("/public", Access.PUBLIC, SecuredService::whoAmI).get("/me", SecuredService::whoAmI);
        }
    }

    static Service.Builder builder(String name, SecurityConfig security) {
        return Service.builder(name, "1.0.0")
                .environment(Environment.of(Map.of("HOST", "127.0.0.1", "ACCESS_LOG", "off")))
                .server(ServerConfig.defaults()
                        .port(0)
                        .ioThreads(1)
                        .workerThreads(8)
                        .drainDelay(Duration.ZERO)
                        .shutdownGrace(Duration.ofSeconds(2)))
                .openApi("test-openapi.json")
                .security(security);
    }

    /** A service with every kind of access rule (it must authenticate). */
    static RunningService start(String name, SecurityConfig security) {
        return builder(name, security).build().register(new AccessRoutes()).start();
    }

    /** A service with public and default routes only. */
    static RunningService startOpen(String name, SecurityConfig security) {
        return builder(name, security).build().register(new OpenRoutes()).start();
    }
}
