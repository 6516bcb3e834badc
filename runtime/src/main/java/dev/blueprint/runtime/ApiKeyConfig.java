package dev.blueprint.runtime;

import dev.blueprint.runtime.security.ConstantTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API key authentication: the request header that carries the key, and the clients that hold keys. A key's text
 * is hashed (SHA-256) as soon as it is given and never kept; a presented key is hashed and compared with every
 * client's hash in constant time.
 *
 * <pre>{@code
 * ApiKeyConfig.header("X-API-Key")
 *         .client("desk", env.require("DESK_KEY"), "clerk")
 *         .client("admin", env.require("ADMIN_KEY"), "clerk", "admin")
 * }</pre>
 *
 * @param header   the request header that carries the key
 * @param clients  the key holders, in the order given
 */
public record ApiKeyConfig(String header, List<Client> clients) {

    /** An HTTP header name (RFC 9110 token). */
    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /**
     * One key holder.
     *
     * @param name     the client's name: the principal's name, and its rate limit key
     * @param keyHash  the SHA-256 of the key's UTF-8 bytes (32 bytes)
     * @param roles    the roles the key grants
     */
    public record Client(String name, byte[] keyHash, Set<String> roles) {

        public Client {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("an API key client needs a name");
            if (keyHash == null || keyHash.length != ConstantTime.SHA256_BYTES) {
                throw new IllegalArgumentException(
                        "the key hash of API key client " + name + " must be a SHA-256 (32 bytes)");
            }
            keyHash = keyHash.clone();
            for (String role : roles) {
                if (role == null || role.isBlank())
                    throw new IllegalArgumentException("API key client " + name + " has a blank role");
            }
            roles = Set.copyOf(roles);
        }

        /** The client holding the key {@code keyText}, which is hashed at once. */
        public static Client of(String name, String keyText, String... roles) {
            if (keyText == null || keyText.isEmpty())
                throw new IllegalArgumentException("API key client " + name + " has an empty key");
            if (!keyText.strip().equals(keyText)) {
                throw new IllegalArgumentException(
                        "the API key of client " + name + " starts or ends with white space");
            }
            for (int i = 0; i < keyText.length(); i++) {
                char c = keyText.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException("the API key of client " + name
                            + " holds a character that cannot travel in an HTTP header");
                }
            }
            return new Client(name, ConstantTime.sha256(keyText), Set.of(roles));
        }

        /** A copy of the hash. */
        @Override
        public byte[] keyHash() {
            return keyHash.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Client that
                    && name.equals(that.name)
                    && Arrays.equals(keyHash, that.keyHash)
                    && roles.equals(that.roles);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + roles.hashCode();
        }

        @Override
        public String toString() {
            return "Client[name=" + name + ", roles=" + roles + "]";
        }
    }

    public ApiKeyConfig {
        if (header == null || !TOKEN.matcher(header).matches()) {
            throw new IllegalArgumentException("the API key header must be a header name, got '" + header + "'");
        }
        clients = List.copyOf(clients);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < clients.size(); i++) {
            Client client = clients.get(i);
            if (!names.add(client.name()))
                throw new IllegalArgumentException("API key client " + client.name() + " is declared twice");
            for (int j = 0; j < i; j++) {
                if (Arrays.equals(clients.get(j).keyHash, client.keyHash)) {
                    throw new IllegalArgumentException("API key clients "
                            + clients.get(j).name() + " and " + client.name() + " have the same key");
                }
            }
        }
    }

    /** Keys travel in the header {@code name} (e.g. {@code X-API-Key}); no client yet. */
    public static ApiKeyConfig header(String name) {
        return new ApiKeyConfig(name, List.of());
    }

    /** Adds the client {@code name} holding the key {@code keyText} (hashed at once) with {@code roles}. */
    public ApiKeyConfig client(String name, String keyText, String... roles) {
        List<Client> more = new ArrayList<>(clients);
        more.add(Client.of(name, keyText, roles));
        return new ApiKeyConfig(header, more);
    }
}
