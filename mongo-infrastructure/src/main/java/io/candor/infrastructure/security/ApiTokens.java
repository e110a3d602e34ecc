package io.candor.infrastructure.security;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Per-user API tokens, {@code cnd_<id>_<secret>}: the id finds the token by {@code _id} in {@value #COLLECTION},
 * the secret (32 random bytes) is kept only as its SHA-256, and compared in constant time. A token is shown once,
 * when made; it acts as its user, with the user's roles as they are when it is used.
 */
public final class ApiTokens {

    static final String COLLECTION = "api_tokens";
    static final String PREFIX = "cnd_";

    private final MongoCollection<Document> tokens;
    private final Users users;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(MongoDatabase database, Users users) {
        this.tokens = database.getCollection(COLLECTION);
        this.users = users;
    }

    /** A token as made: its id, and the whole token, shown this once. */
    public record Issued(String id, String name, String token) {
    }

    public Issued issue(String username, String name) {
        String id = UUID.randomUUID().toString().replace("-", "");
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.insertOne(new Document("_id", id).append("username", username).append("name", name)
                .append("secretHash", sha256(encoded)).append("createdAt", new Date()));
        return new Issued(id, name, PREFIX + id + "_" + encoded);
    }

    /** The user a token acts as; empty for a malformed, unknown or revoked token, or one whose user is gone. */
    public Optional<CandorUser> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        int separator = rest.indexOf('_');
        if (separator <= 0) {
            return Optional.empty();
        }
        Document stored = tokens.find(Filters.eq("_id", rest.substring(0, separator))).first();
        if (stored == null || !MessageDigest.isEqual(stored.getString("secretHash").getBytes(StandardCharsets.UTF_8),
                sha256(rest.substring(separator + 1)).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return users.find(stored.getString("username")).map(Users.Account::user);
    }

    /** Revokes a token of {@code username}; false if they have no such token. */
    public boolean revoke(String username, String id) {
        return tokens.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("username", username))).getDeletedCount() > 0;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
