package io.candor.query.admin;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * {@code POST /admin/views/{view}/replay} resets and rebuilds a view: 202 with its progress and the
 * {@code Location} to follow it at, 409 while a replay of it runs. {@code GET} on that location: the progress
 * (see {@link ViewReplays.Progress}). An unknown view is a 404.
 */
@RestController
@RequestMapping("/admin/views/{view}/replay")
class ReplayController {

    private final ViewReplays replays;

    ReplayController(ViewReplays replays) {
        this.replays = replays;
    }

    @PostMapping
    ResponseEntity<ViewReplays.Progress> start(@PathVariable String view) {
        ViewReplays.Progress progress = replays.start(view);
        return ResponseEntity.accepted().location(URI.create("/admin/views/" + view + "/replay")).body(progress);
    }

    @GetMapping
    ViewReplays.Progress progress(@PathVariable String view) {
        return replays.progress(view);
    }
}
