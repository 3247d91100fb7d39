"""Quality standards: configuration, the rule registry, waivers and policy."""
