package io.candor.infrastructure.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;

/**
 * On the first start with security on, makes the user {@code admin} with the password {@code CANDOR_ADMIN_PASSWORD}
 * (or {@code candor.security.admin-password}); without one, generates a password and prints it once. Later starts
 * leave the user as it is.
 */
final class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Users users;
    private final String password;
    private final String firm;

    AdminBootstrap(Users users, String password, String firm) {
        this.users = users;
        this.password = password;
        this.firm = firm;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.exists(ADMIN)) {
            return;
        }
        boolean generated = password == null || password.isBlank();
        String chosen = generated ? generate() : password;
        try {
            users.create(ADMIN, chosen, firm, EnumSet.of(Role.ADMIN), null);
        } catch (Users.UsernameTaken anotherProcessWasFirst) {
            return;
        }
        if (generated) {
            System.out.println();
            System.out.println("Candor: created the user 'admin' of firm '" + firm + "' with the password " + chosen);
            System.out.println("        (shown this once; set CANDOR_ADMIN_PASSWORD to choose it)");
            System.out.println();
        } else {
            log.info("Created the user 'admin' of firm '{}' with the password from CANDOR_ADMIN_PASSWORD", firm);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
