package io.candor.infrastructure.security;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The users, one document each in {@value #COLLECTION} ({@code _id} = user name), with the password hashed by the
 * delegating encoder (bcrypt today, upgradable: the hash names its algorithm). Found by exact {@code _id}.
 */
public final class Users implements UserDetailsService {

    static final String COLLECTION = "users";

    private final MongoCollection<Document> users;
    private final PasswordEncoder passwords;

    public Users(MongoDatabase database, PasswordEncoder passwords) {
        this.users = database.getCollection(COLLECTION);
        this.passwords = passwords;
    }

    /** A user as Spring Security signs them in. */
    public record Account(CandorUser user, String passwordHash) implements UserDetails {

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return user.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList();
        }

        @Override
        public String getPassword() {
            return passwordHash;
        }

        @Override
        public String getUsername() {
            return user.username();
        }
    }

    /** Thrown when a user name is taken. */
    public static final class UsernameTaken extends RuntimeException {
        UsernameTaken(String username) {
            super("The user name " + username + " is taken");
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    public Optional<Account> find(String username) {
        if (username == null || username.isBlank() || username.length() > 100) {
            return Optional.empty();
        }
        Document document = users.find(Filters.eq("_id", username)).first();
        return Optional.ofNullable(document).map(Users::account);
    }

    public CandorUser create(String username, String password, String firmId, Set<Role> roles, String candidateId) {
        Document document = new Document("_id", username).append("passwordHash", passwords.encode(password))
                .append("firmId", firmId).append("roles", roles.stream().map(Enum::name).sorted().toList())
                .append("candidateId", candidateId).append("createdAt", new Date());
        try {
            users.insertOne(document);
        } catch (MongoWriteException failure) {
            if (ErrorCategory.fromErrorCode(failure.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                throw new UsernameTaken(username);
            }
            throw failure;
        }
        return account(document).user();
    }

    public boolean exists(String username) {
        return users.find(Filters.eq("_id", username)).first() != null;
    }

    /** The users of a firm. A scan on the embedded server; only administrators ask. */
    public List<CandorUser> ofFirm(String firmId) {
        List<CandorUser> found = new ArrayList<>();
        for (Document document : users.find(Filters.eq("firmId", firmId))) {
            found.add(account(document).user());
        }
        return found;
    }

    public boolean anyInFirm(String firmId) {
        return users.find(Filters.eq("firmId", firmId)).first() != null;
    }

    private static Account account(Document document) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : document.getList("roles", String.class, List.of())) {
            roles.add(Role.valueOf(role));
        }
        return new Account(new CandorUser(document.getString("_id"), document.getString("firmId"), roles,
                document.getString("candidateId")), document.getString("passwordHash"));
    }
}
