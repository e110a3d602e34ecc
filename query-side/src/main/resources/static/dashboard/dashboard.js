// Candor dashboard: sends the forms to the command API as JSON, explains refusals beside the form, redraws charts.
(function () {
    'use strict';

    var config = window.CANDOR || {commandApi: '', rules: {}};

    // "referrer.name", "interviewers[0].role" -> nested members of body.
    function assign(body, path, value) {
        var keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
        var target = body;
        for (var i = 0; i < keys.length - 1; i++) {
            var next = keys[i + 1];
            if (target[keys[i]] === undefined) {
                target[keys[i]] = /^\d+$/.test(next) ? [] : {};
            }
            target = target[keys[i]];
        }
        target[keys[keys.length - 1]] = value;
    }

    function valueOf(field) {
        if (field.multiple) {
            var chosen = Array.prototype.filter.call(field.options, function (o) { return o.selected; })
                .map(function (o) { return o.value; });
            return chosen.length ? chosen : undefined;
        }
        var raw = field.value.trim();
        if (raw === '') {
            return undefined;
        }
        if (field.dataset.type === 'lines') {
            var lines = raw.split('\n').map(function (l) { return l.trim(); }).filter(Boolean);
            return lines.length ? lines : undefined;
        }
        if (field.dataset.type === 'number') {
            return Number(raw);
        }
        if (field.type === 'datetime-local') {
            // The forms read and write times in UTC.
            return (raw.length === 16 ? raw + ':00' : raw) + 'Z';
        }
        return raw;
    }

    function bodyOf(form) {
        var body = {};
        Array.prototype.forEach.call(form.querySelectorAll('input[name], select[name], textarea[name]'), function (field) {
            var value = valueOf(field);
            if (value !== undefined) {
                assign(body, field.name, value);
            }
        });
        return body;
    }

    function clearProblems(form) {
        var problem = form.querySelector('.problem');
        problem.hidden = true;
        problem.textContent = '';
        Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (e) { e.remove(); });
        Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (field) {
            field.removeAttribute('aria-invalid');
            field.removeAttribute('aria-describedby');
        });
    }

    function element(tag, className, text) {
        var e = document.createElement(tag);
        if (className) {
            e.className = className;
        }
        if (text) {
            e.textContent = text;
        }
        return e;
    }

    function showProblem(form, status, problem) {
        var box = form.querySelector('.problem');
        var unplaced = [];
        (problem.errors || []).forEach(function (error) {
            var field = form.querySelector('[name="' + CSS.escape(error.field || '') + '"]');
            if (!field) {
                unplaced.push((error.field ? error.field + ': ' : '') + error.message);
                return;
            }
            var note = element('p', 'field-error', error.message);
            note.id = field.id + '-error';
            field.setAttribute('aria-invalid', 'true');
            field.setAttribute('aria-describedby', note.id);
            field.insertAdjacentElement('afterend', note);
        });
        var rule = problem.rule && config.rules ? config.rules[problem.rule] : null;
        if (rule) {
            box.appendChild(element('h4', 'rule-title', rule.title));
            box.appendChild(element('p', 'rule-explanation', rule.explanation));
            if (rule.advice) {
                var advice = element('p', 'rule-advice');
                advice.appendChild(element('strong', null, 'Advice from the articles: '));
                advice.appendChild(document.createTextNode(rule.advice));
                box.appendChild(advice);
            }
            box.appendChild(element('p', 'small rule-code', 'Rule ' + problem.rule));
        } else if (problem.errors && problem.errors.length) {
            box.appendChild(element('p', null, 'Please correct the fields marked below their inputs.'));
            unplaced.forEach(function (text) { box.appendChild(element('p', null, text)); });
        } else {
            box.appendChild(element('p', null, (problem.title || ('Refused (' + status + ')')) +
                (problem.detail ? ': ' + problem.detail : '')));
        }
        box.hidden = false;
        var firstInvalid = form.querySelector('[aria-invalid="true"]');
        (firstInvalid || box).focus && (firstInvalid || box.setAttribute('tabindex', '-1') || box).focus();
    }

    // Re-reads the page once the views have applied the command's events, without a full reload.
    function refresh(position, then) {
        var url = window.location.pathname + window.location.search;
        if (position) {
            url += (url.indexOf('?') < 0 ? '?' : '&') + 'waitFor=' + encodeURIComponent(position);
        }
        htmx.ajax('GET', url, {target: '#page', select: '#page', swap: 'outerHTML'}).then(then);
    }

    function flash(text) {
        var box = document.getElementById('flash');
        if (box) {
            box.textContent = text;
        }
    }

    document.addEventListener('submit', function (event) {
        var form = event.target;
        if (!form.matches('form.command')) {
            return;
        }
        event.preventDefault();
        clearProblems(form);
        var button = form.querySelector('button[type="submit"]');
        button.disabled = true;
        fetch(config.commandApi + form.dataset.command, {
            method: 'POST',
            headers: {'Content-Type': 'application/json', 'Accept': 'application/json, application/problem+json'},
            body: JSON.stringify(bodyOf(form))
        }).then(function (response) {
            if (response.ok) {
                var position = response.headers.get('Candor-Position');
                refresh(position, function () { flash(form.dataset.success || 'Done.'); });
                return;
            }
            return response.json().catch(function () { return {}; }).then(function (problem) {
                showProblem(form, response.status, problem);
            });
        }).catch(function () {
            showProblem(form, 0, {title: 'The command API could not be reached', detail: 'check your connection and retry'});
        }).finally(function () {
            button.disabled = false;
        });
    });

    function list(text) {
        return (text || '').replace(/^\[|\]$/g, '').split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    }

    function drawCharts() {
        if (!window.Chart) {
            return;
        }
        Array.prototype.forEach.call(document.querySelectorAll('canvas[data-chart]'), function (canvas) {
            if (Chart.getChart(canvas)) {
                return;
            }
            new Chart(canvas, {
                type: canvas.dataset.chart,
                data: {
                    labels: list(canvas.dataset.labels),
                    datasets: [{label: canvas.dataset.label, data: list(canvas.dataset.values).map(Number),
                        backgroundColor: '#1d4ed8'}]
                },
                options: {animation: false, responsive: true, maintainAspectRatio: false,
                    scales: {y: {beginAtZero: true}}}
            });
        });
    }

    document.addEventListener('DOMContentLoaded', drawCharts);
    document.addEventListener('htmx:afterSettle', drawCharts);
})();
