# expect: R101
# kind: merge, class: 2
# why: every `return` of `parse_steps` is a list, but the second writer iterates the stored steps with `.items()` as if they were a dict.
def parse_steps(recipe_text):
    steps = []
    for line in recipe_text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line[0].isdigit():
            steps.append(line.split(".", 1)[1].strip())
    if not steps:
        return []
    return steps


class Recipe:
    def __init__(self, title, text):
        self.title = title
        self.steps = parse_steps(text)

    def step(self, n):
        return self.steps[n - 1]

    def __len__(self):
        return len(self.steps)

    # second writer
    def render(self):
        lines = [self.title]
        for number, step in self.steps.items():
            lines.append(f"{number}. {step}")
        return "\n".join(lines)


# run: r = Recipe("tea", "1. boil\n2. steep")
# run: r.render()
# raises: AttributeError
# ruff: noqa: E501
