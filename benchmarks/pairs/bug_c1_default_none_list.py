# expect: R101
# kind: merge, class: 1
# why: `items=None` becomes `items or []`, a list, yet the second writer stores quantities under the item name as if it were a dict.


class ShoppingList:
    def __init__(self, owner, items=None):
        self.owner = owner
        self.items = items or []

    def add(self, item):
        if item not in self.items:
            self.items.append(item)

    def remove(self, item):
        self.items.remove(item)

    def __len__(self):
        return len(self.items)

    # second writer: quantities
    def set_quantity(self, item, quantity):
        self.items[item] = quantity

    def quantity(self, item):
        return self.items.get(item, 1)


# run: s = ShoppingList("ann")
# run: s.add("milk")
# run: s.set_quantity("milk", 2)
# raises: TypeError
# ruff: noqa: E501
