package io.candor.command.web;

import io.candor.events.Person;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A person in a request: a name, and an e-mail address when known. */
public record PersonBody(@NotBlank @Size(max = 200) String name, @Email @Size(max = 320) String email) {

    public Person toPerson() {
        return new Person(name.strip(), email == null || email.isBlank() ? null : email.strip());
    }

    public static Person toPersonOrNull(PersonBody body) {
        return body == null ? null : body.toPerson();
    }
}
