package dev.blueprint.runtime.security;

import dev.blueprint.runtime.ApiKeyConfig;
import dev.blueprint.runtime.Principal;
import java.util.List;
import java.util.Optional;

/**
 * Finds the client holding a presented API key: the key is hashed (SHA-256) and the hash compared with every
 * client's in constant time, so neither the position of the first differing byte nor which client matched shows
 * in the time taken.
 */
final class ApiKeyAuthenticator {

    static final String SCHEME = "ApiKey";

    private final String header;
    private final List<ApiKeyConfig.Client> clients;
    private final List<byte[]> hashes;

    ApiKeyAuthenticator(ApiKeyConfig config) {
        this.header = config.header();
        this.clients = config.clients();
        this.hashes = clients.stream().map(ApiKeyConfig.Client::keyHash).toList();
    }

    /** The header that carries keys. */
    String header() {
        return header;
    }

    /** The {@code WWW-Authenticate} challenge. */
    String challenge() {
        return SCHEME + " header=\"" + header + "\"";
    }

    /** The client holding {@code presented}, if any. */
    Optional<Principal> authenticate(String presented) {
        int index = ConstantTime.find(ConstantTime.sha256(presented), hashes);
        if (index < 0) return Optional.empty();
        ApiKeyConfig.Client client = clients.get(index);
        return Optional.of(new Principal(client.name(), SCHEME, client.roles()));
    }
}
