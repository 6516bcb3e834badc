package dev.blueprint.runtime;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A health check for container images without curl: {@code java -cp app.jar dev.blueprint.runtime.Probe URL}
 * exits 0 when the URL answers 200 within two seconds, 1 otherwise.
 */
public final class Probe {

    private Probe() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Probe URL");
            System.exit(2);
        }
        System.exit(isOk(args[0]) ? 0 : 1);
    }

    static boolean isOk(String url) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
