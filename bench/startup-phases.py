#!/usr/bin/env python3
"""Where a start's Java CPU went, from a JFR recording's execution samples (bench/startup-profile.sh).

startup-phases.py SAMPLES
    SAMPLES is `jfr print --events jdk.ExecutionSample --stack-depth 512 start.jfr`. For the three busiest threads
    prints the share of samples by phase (what the start was doing: the first rule of WHY whose pattern is in the
    stack) and by kind of work (the innermost frame matching a rule of WHAT, else the top frame's package). JFR samples
    Java threads only: the JIT compilers and the GC are not in it (startup.sh and StartupSteps report them).
"""
import collections
import re
import sys

WHY = [  # the first rule whose pattern is anywhere in the stack names the phase
    ("config-classes", "ConfigurationClassPostProcessor.postProcessBeanDefinitionRegistry"),
    ("hibernate-boot", "org.hibernate.jpa.boot"),
    ("hibernate-boot", "EntityManagerFactoryBuilderImpl"),
    ("flyway", "org.flywaydb"),
    ("embedded-pg", "io.zonky"),
    ("embedded-pg", "EmbeddedPostgresServer"),
    ("spring-data-repos", "RepositoryFactorySupport.getRepository"),
    ("spring-data-repos", "RepositoryFactoryBeanSupport.afterPropertiesSet"),
    ("jpaMappingContext", "JpaMetamodelMappingContextFactoryBean"),
    ("security-config", "org.springframework.security.config"),
    ("mvc-mappings", "AbstractHandlerMethodMapping.afterPropertiesSet"),
    ("mvc-mappings", "AbstractHandlerMethodMapping.initHandlerMethods"),
    ("cel", "dev.cel"),
    ("thymeleaf", "org.thymeleaf"),
    ("tika", "org.apache.tika"),
    ("aws", "software.amazon"),
    ("springdoc", "org.springdoc"),
    ("actuator/metrics", "io.micrometer"),
    ("actuator/metrics", "org.springframework.boot.actuate"),
    ("tomcat", "org.apache.catalina"),
    ("tomcat", "org.apache.tomcat"),
    ("db-scheduler", "com.github.kagkarlsson"),
    ("modulith", "org.springframework.modulith"),
    ("environment", "SpringApplication.prepareEnvironment"),
    ("bean-creation", "AbstractAutowireCapableBeanFactory.createBean"),
    ("refresh-other", "AbstractApplicationContext.refresh"),
    ("spring-run-other", "SpringApplication.run"),
    ("launcher", "org.springframework.boot.loader.launch.Launcher.launch("),
]
WHAT = [  # the innermost frame matching one of these names the kind of work
    ("classload:lookup", "URLClassPath"),
    ("classload:lookup", "ZipFile"),
    ("classload:nested-jar", "org.springframework.boot.loader.net"),
    ("classload:nested-jar", "org.springframework.boot.loader.zip"),
    ("classload:nested-jar", "org.springframework.boot.loader.jar"),
    ("classload:define", "ClassLoader.defineClass"),
    ("classload:other", "ClassLoader.loadClass"),
    ("classload:other", "Class.forName"),
    ("reflection", "Class.privateGetDeclared"),
    ("reflection", "Class.getDeclared"),
    ("annotations", "org.springframework.core.annotation"),
    ("class-metadata", "org.springframework.core.type"),
    ("antlr", "org.antlr"),
    ("bytebuddy", "net.bytebuddy"),
    ("cglib", "org.springframework.cglib"),
    ("bean-type-matching", "DefaultListableBeanFactory.doGetBeanNamesForType"),
    ("bean-type-matching", "AbstractBeanFactory.isTypeMatch"),
    ("resolvable-type", "ResolvableType"),
    ("regex", "java.util.regex"),
    ("io", "java.io"),
]


def samples(path):
    text = open(path).read()
    for block in text.split("jdk.ExecutionSample {")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', block)
        stack = re.search(r"stackTrace = \[(.*?)\n  \]", block, re.S)
        frames = [re.sub(r"\s+line:.*", "", line.strip()) for line in stack.group(1).split("\n") if line.strip()] if stack else []
        yield (thread.group(1) if thread else "?"), frames


def why(frames):
    return next((label for label, pattern in WHY if any(pattern in f for f in frames)), "other")


def what(frames):
    for frame in frames:
        for label, pattern in WHAT:
            if pattern in frame:
                return label
    return "cpu:" + (frames[0].split("(")[0].rsplit(".", 2)[0] if frames else "?")


def main():
    all_samples = list(samples(sys.argv[1]))
    threads = collections.Counter(thread for thread, _ in all_samples)
    print(f"{len(all_samples)} samples; busiest threads: {dict(threads.most_common(4))}")
    for thread, count in threads.most_common(3):
        stacks = [frames for t, frames in all_samples if t == thread]
        for title, classify, limit in (("phase", why, 30), ("kind of work", what, 15)):
            print(f"\n== {thread} ({count} samples) by {title} ==")
            for label, n in collections.Counter(classify(f) for f in stacks).most_common(limit):
                print(f"{100 * n / count:6.1f} %  {label}")


if __name__ == "__main__":
    main()
