package dev.blueprint.runtime.security;

import dev.blueprint.runtime.Principal;
import io.undertow.util.AttachmentKey;

/** The security of one service: what the service calls per request. Internal to the runtime. */
public final class Security {

    /** The authenticated caller of an exchange, when there is one. */
    public static final AttachmentKey<Principal> PRINCIPAL = AttachmentKey.create(Principal.class);

    private Security() {
    }
}
