"""The bundled Domain 4 as a learner needs it (issue 33): the blueprint covered, items sound.

Figures are read from the data: these tests hold the content to its rules (every skill of the
exam guide taught and tested, no length cue, no lint warning, every fact sourced), not to
today's counts.
"""

from __future__ import annotations

from generator.checks.lints import _words
from generator.content.model import (
    Bank,
    CaseStudy,
    HeadingBlock,
    MatchingQuestion,
    OrderingQuestion,
    Question,
    TrueFalseQuestion,
)
from generator.pipeline import check
from tests.support.project import ROOT

# The 25 skills of MLS-C01 Domain 4 (exam guide, tasks 4.1 to 4.4), each with the topic
# sections that teach it and the questions that test it (any type, case parts too).
# https://docs.aws.amazon.com/aws-certification/latest/machine-learning-specialty-01/machine-learning-specialty-01-domain4.html
COVERAGE: list[tuple[str, str, list[str], list[str]]] = [
    (
        "4.1",
        "Log and monitor (CloudTrail, CloudWatch); build error monitoring",
        [
            "observability/Endpoint metrics in CloudWatch",
            "observability/Logs",
            "observability/Audit with CloudTrail, automation with EventBridge",
        ],
        [
            "d4-who-deleted-endpoint",
            "d4-5xx-spike",
            "d4-4xx-after-client-change",
            "d4-eventbridge-job-failed",
            "d4-match-symptom-signal",
        ],
    ),
    (
        "4.1",
        "Deploy to multiple AWS Regions and multiple Availability Zones",
        ["availability/Several Availability Zones", "availability/Several Regions"],
        [
            "d4-single-instance-az",
            "d4-vpc-subnets-az",
            "d4-multi-region-dr",
            "d4-quota-second-region",
            "d4-tf-multi-az",
            "d4-case-payments-1",
        ],
    ),
    (
        "4.1",
        "Create AMIs and golden images",
        ["containers/AMIs and golden images"],
        ["d4-golden-ami", "d4-inference-ami-version"],
    ),
    (
        "4.1",
        "Create Docker containers",
        [
            "containers/Pre-built framework containers and Script Mode",
            "containers/Extending a pre-built container",
            "containers/Bring your own container",
        ],
        [
            "d4-script-mode",
            "d4-byoc-unsupported",
            "d4-byoc-facts",
            "d4-extend-container",
            "d4-container-contract",
            "d4-endpoint-creation-fails",
        ],
    ),
    (
        "4.1",
        "Deploy Auto Scaling groups",
        ["auto-scaling/Policies", "auto-scaling/Endpoint scaling and EC2 Auto Scaling groups"],
        [
            "d4-weekday-spike-scaling",
            "d4-target-tracking-metric",
            "d4-scaling-oscillation",
            "d4-scaling-facts",
            "d4-fast-scaling-metric",
            "d4-scale-from-zero",
            "d4-scheduled-action-api",
            "d4-ec2-asg-alb",
            "d4-tf-async-scale-zero",
            "d4-case-payments-2",
        ],
    ),
    (
        "4.1",
        "Rightsize resources (instances, volumes)",
        [
            "compute-and-cost/Rightsizing with Inference Recommender",
            "compute-and-cost/Instance families",
        ],
        [
            "d4-inference-recommender-jobs",
            "d4-rightsize-underused",
            "d4-latency-split",
            "d4-change-instance-type",
        ],
    ),
    (
        "4.1",
        "Perform load balancing",
        ["availability/Load balancing"],
        ["d4-load-balancing-strategy", "d4-ec2-asg-alb"],
    ),
    (
        "4.1",
        "Follow AWS best practices",
        ["availability/AWS best practices for ML workloads"],
        ["d4-ml-lens-sustainability", "d4-single-instance-az", "d4-least-privilege"],
    ),
    (
        "4.2",
        "AWS AI services against building custom models",
        [
            "ai-services/The services and what they do",
            "ai-services/Forecasting time series",
            "ai-services/Managed service or custom model?",
        ],
        [
            "d4-ai-review-sentiment",
            "d4-ai-scanned-forms",
            "d4-ai-call-sentiment",
            "d4-ai-recommendations",
            "d4-ai-forecast-today",
            "d4-ai-or-custom-fraud",
            "d4-ai-employee-assistant",
            "d4-ai-translate-speak",
            "d4-redact-tickets",
            "d4-match-ai-services",
            "d4-case-retailer-1",
            "d4-case-retailer-2",
        ],
    ),
    (
        "4.2",
        "AWS service quotas",
        ["compute-and-cost/Service quotas"],
        ["d4-quota-endpoint", "d4-quota-second-region"],
    ),
    (
        "4.2",
        "Custom models against SageMaker built-in algorithms",
        ["containers/No code at all", "ai-services/Managed service or custom model?"],
        ["d4-no-code-model", "d4-ai-or-custom-fraud", "d4-script-mode", "d4-byoc-unsupported"],
    ),
    (
        "4.2",
        "Infrastructure (instance types) and cost",
        [
            "compute-and-cost/Instance families",
            "compute-and-cost/Elastic Inference has been retired",
        ],
        [
            "d4-cheap-dl-inference",
            "d4-graviton-inference",
            "d4-serverless-gpu-needed",
            "d4-realtime-idle-cost",
            "d4-inference-ami-version",
            "d4-tf-elastic-inference",
        ],
    ),
    (
        "4.2",
        "Spot Instances for deep learning training",
        ["compute-and-cost/Managed Spot training with checkpoints"],
        ["d4-spot-checkpoints", "d4-spot-max-wait", "d4-order-spot-resume", "d4-case-retailer-3"],
    ),
    (
        "4.3",
        "IAM",
        ["iam/The execution role"],
        [
            "d4-execution-role-permissions",
            "d4-least-privilege",
            "d4-passrole-create",
            "d4-invoke-access-denied",
            "d4-kms-key-policy",
            "d4-mobile-app-front",
            "d4-match-policy-attached",
        ],
    ),
    (
        "4.3",
        "S3 bucket policies",
        ["iam/Resource-based policies"],
        ["d4-bucket-policy-restrict", "d4-least-privilege"],
    ),
    (
        "4.3",
        "Security groups",
        ["network-isolation/Security groups"],
        ["d4-endpoint-sg-443", "d4-sg-intercontainer", "d4-vpc-mode-facts"],
    ),
    (
        "4.3",
        "VPCs",
        ["network-isolation/VPC mode, endpoints and the isolation flag"],
        [
            "d4-private-network-kms",
            "d4-network-isolation-flag",
            "d4-privatelink-api",
            "d4-vpc-mode-facts",
            "d4-vpc-subnets-az",
            "d4-case-clinic-2",
        ],
    ),
    (
        "4.3",
        "Encryption and anonymization",
        [
            "encryption/At rest",
            "encryption/In transit",
            "encryption/Anonymization and personal data",
        ],
        [
            "d4-encryption-customer-keys",
            "d4-encryption-in-transit",
            "d4-s3-sse-options",
            "d4-nvme-kms",
            "d4-ssec-403",
            "d4-macie-find-pii",
            "d4-redact-tickets",
            "d4-pseudonymize-ids",
            "d4-case-clinic-3",
            "d4-case-clinic-4",
        ],
    ),
    (
        "4.4",
        "Expose endpoints and interact with them",
        [
            "invoking-endpoints/The runtime API",
            "invoking-endpoints/Routing a request",
            "invoking-endpoints/Putting an API in front",
            "deployment-options/Deployment limits side by side",
        ],
        [
            "d4-invoke-runtime-api",
            "d4-mobile-app-front",
            "d4-target-variant-test",
            "d4-long-processing-api",
            "d4-batch-nightly-scoring",
            "d4-chatbot-realtime",
            "d4-serverless-intermittent",
            "d4-async-large-payload",
            "d4-short-invoke",
            "d4-short-target-variant",
            "d4-order-deploy-objects",
            "d4-match-deployment-limits",
            "d4-num-realtime-payload",
            "d4-num-serverless-concurrency",
            "d4-num-async-timeout",
            "d4-case-clinic-1",
            "d4-case-retailer-4",
        ],
    ),
    (
        "4.4",
        "Understand ML models",
        ["model-monitor/Understanding what a model does"],
        ["d4-explain-prediction", "d4-monitor-feature-importance", "d4-pipelines-lineage"],
    ),
    (
        "4.4",
        "Perform A/B testing",
        [
            "ab-testing/Production variants",
            "ab-testing/Deployment guardrails",
            "ab-testing/Shadow testing",
        ],
        [
            "d4-fraud-canary-variants",
            "d4-shadow-no-user-impact",
            "d4-variant-shift-weights",
            "d4-variant-facts",
            "d4-guardrails-canary-rollback",
            "d4-rolling-deployment",
            "d4-shadow-limits",
            "d4-order-canary-guardrail",
            "d4-num-variant-weights",
            "d4-short-update-weights",
            "d4-case-payments-3",
        ],
    ),
    (
        "4.4",
        "Retrain pipelines",
        [
            "pipelines-and-registry/SageMaker Pipelines",
            "pipelines-and-registry/SageMaker Model Registry",
            "pipelines-and-registry/Orchestrating beyond Pipelines",
        ],
        [
            "d4-monitor-violation-retrain",
            "d4-registry-approval-states",
            "d4-registry-approval-event",
            "d4-pipelines-features",
            "d4-registry-auto-deploy",
            "d4-pipelines-condition-step",
            "d4-step-functions-or-pipelines",
            "d4-projects-templates",
            "d4-fail-step",
            "d4-nightly-retrain",
            "d4-case-retailer-5",
        ],
    ),
    (
        "4.4",
        "Debug and troubleshoot ML models",
        ["observability/Troubleshooting a model in production"],
        [
            "d4-5xx-spike",
            "d4-4xx-after-client-change",
            "d4-latency-split",
            "d4-endpoint-creation-fails",
            "d4-invoke-access-denied",
            "d4-case-payments-4",
        ],
    ),
    (
        "4.4",
        "Detect and mitigate drops in performance",
        ["model-monitor/Monitoring types", "model-monitor/Data drift and concept drift"],
        [
            "d4-drift-earliest-detection",
            "d4-concept-drift-labels",
            "d4-monitor-bias-clarify",
            "d4-monitor-violation-retrain",
            "d4-order-monitoring-setup",
        ],
    ),
    (
        "4.4",
        "Monitor performance of the model",
        ["model-monitor/How it works", "observability/Endpoint metrics in CloudWatch"],
        [
            "d4-monitor-setup-steps",
            "d4-capture-sampling",
            "d4-serverless-monitoring-gap",
            "d4-latency-split",
            "d4-match-monitor-needs",
        ],
    ),
]

SKILLS = 25
"""Skills the exam guide lists for Domain 4."""


def test_every_skill_of_the_domain_is_taught_and_tested(bundled_bank: Bank) -> None:
    (content,) = bundled_bank.domains
    sections = {
        f"{t.id}/{b.heading}"
        for t in content.topics
        for b in t.blocks
        if isinstance(b, HeadingBlock)
    }
    questions = {q.id for q in content.questions}
    assert len(COVERAGE) == SKILLS
    assert len({skill for _, skill, _, _ in COVERAGE}) == SKILLS
    for _, skill, taught, tested in COVERAGE:
        assert taught, skill
        assert set(taught) <= sections, (skill, set(taught) - sections)
        assert len(set(tested)) >= 2, skill
        assert set(tested) <= questions, (skill, set(tested) - questions)


def test_the_bank_is_the_size_and_kind_a_preparation_needs(bundled_bank: Bank) -> None:
    # Issue 33: at least 100 questions, at least 25 hard, two or more case studies of three
    # or more questions, and ordering and matching items beside multiple choice.
    (content,) = bundled_bank.domains
    questions = content.questions
    assert len(questions) >= 100
    assert sum(q.difficulty == "hard" for q in questions) >= 25
    assert sum(len(c.questions) >= 3 for c in content.case_studies) >= 2
    assert any(isinstance(q, OrderingQuestion) for q in questions)
    assert any(isinstance(q, MatchingQuestion) for q in questions)
    assert any(isinstance(q, TrueFalseQuestion) for q in questions)


def test_the_seed_questions_keep_their_keys(bundled_bank: Bank) -> None:
    keys = {
        "d4-batch-nightly-scoring": ["Batch Transform"],
        "d4-fraud-canary-variants": ["production variant"],
        "d4-drift-earliest-detection": ["data quality"],
        "d4-private-network-kms": ["VPC", "KMS"],
        "d4-weekday-spike-scaling": ["scheduled", "target tracking"],
    }
    found = {q.id: q for q in bundled_bank.domains[0].questions if isinstance(q, Question)}
    for question_id, words in keys.items():
        (key,) = [o.text for o in found[question_id].options if o.correct]
        assert all(w.casefold() in key.casefold() for w in words), (question_id, key)


def test_the_check_passes_with_no_warning() -> None:
    # The content lints (length cue, stem echo, options that repeat each other...) pass.
    _, warnings = check(ROOT / "data")
    assert [f"{w.file}:{w.line}: {w.message}" for w in warnings] == []


def _single_answer(bank: Bank) -> list[Question]:
    return [q for q in bank.domains[0].questions if isinstance(q, Question) and q.choose == 1]


def test_the_right_option_is_the_longest_no_more_often_than_chance(bundled_bank: Bank) -> None:
    questions = _single_answer(bundled_bank)
    longest = 0
    for question in questions:
        lengths = [len(o.text) for o in question.options]
        top = [i for i, n in enumerate(lengths) if n == max(lengths)]
        longest += len(top) == 1 and question.options[top[0]].correct
    chance = sum(1 / len(q.options) for q in questions)
    assert longest <= chance, f"key strictly longest in {longest} of {len(questions)}"


def test_choose_two_keys_are_not_the_longest_options(bundled_bank: Bank) -> None:
    for question in bundled_bank.domains[0].questions:
        if not isinstance(question, Question) or question.choose == 1:
            continue
        order = sorted(question.options, key=lambda o: -len(o.text))
        n = question.choose
        cue = all(o.correct for o in order[:n]) and len(order[n - 1].text) > len(order[n].text)
        assert not cue, question.id


def given_away(bank: Bank) -> list[tuple[str, str]]:
    """(question, other): a key's telling words are in the other question's stem or scenario.

    A key's telling words are its rare words (in at most :data:`RARE` questions) that none of
    its distractors and not its own stem has; when at least two of them and four in five are
    in another question's stem or scenario (a true/false statement is a stem), reading that
    question answers this one (review 2026-12-07, section 3: one item printed another's key).
    """
    questions = bank.domains[0].questions
    stems = {
        q.id: _words(q.stem + (" " + q.case.scenario if q.case is not None else ""))
        for q in questions
    }
    texts = {
        q.id: stems[q.id] | set().union(*(_words(o.text) for o in q.options))
        if isinstance(q, Question)
        else stems[q.id]
        for q in questions
    }
    seen_in: dict[str, int] = {}
    for words in texts.values():
        for word in words:
            seen_in[word] = seen_in.get(word, 0) + 1
    found = []
    for question in questions:
        if not isinstance(question, Question):
            continue
        wrong = set().union(*(_words(o.text) for o in question.options if not o.correct))
        for option in (o for o in question.options if o.correct):
            own = _words(option.text) - wrong - stems[question.id]
            telling = {w for w in own if seen_in[w] <= RARE}
            if len(telling) < 2:
                continue
            for other, words in stems.items():
                shared = telling & words
                if other != question.id and len(shared) >= 2 and len(shared) >= 0.8 * len(telling):
                    found.append((question.id, other))
    return found


RARE = 5
"""A word in at most this many questions is telling (a port number, a service's own name)."""


def test_no_question_gives_another_ones_answer_away(bundled_bank: Bank) -> None:
    assert given_away(bundled_bank) == []


def test_no_true_statement_repeats_a_key(bundled_bank: Bank) -> None:
    # A true/false statement that is true teaches its fact before the learner reaches the
    # question that asks for it: no true statement may hold a choice question's whole key.
    questions = bundled_bank.domains[0].questions
    statements = [q for q in questions if isinstance(q, TrueFalseQuestion) and q.answer]
    for question in (q for q in questions if isinstance(q, Question)):
        wrong = set().union(*(_words(o.text) for o in question.options if not o.correct))
        for option in (o for o in question.options if o.correct):
            own = _words(option.text) - wrong
            if len(own) < 2:
                continue
            for statement in statements:
                assert not own <= _words(statement.stem), (question.id, statement.id)


def test_every_topic_and_change_is_sourced(bundled_bank: Bank) -> None:
    # Each fact checked against the provider's documentation: every topic lists sources,
    # every change notice names its source.
    (content,) = bundled_bank.domains
    for topic in content.topics:
        sections = [b for b in topic.blocks if isinstance(b, HeadingBlock)]
        assert topic.sources or any(s.sources for s in sections), topic.id
        for notice in [topic.changed, *(s.changed for s in sections)]:
            assert notice is None or notice.source.startswith("https://"), topic.id


def test_case_studies_are_whole_scenarios(bundled_bank: Bank) -> None:
    for case in bundled_bank.domains[0].case_studies:
        assert isinstance(case, CaseStudy)
        assert len(case.questions) >= 3, case.id
        assert len(_words(case.scenario)) >= 20, case.id
