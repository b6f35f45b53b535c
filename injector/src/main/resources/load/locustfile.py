# Sock Shop shopper for Locust, written for the sockshop-correlator injector.
#
# Each simulated user logs in once, then browses the catalogue, looks at socks, adds one to the
# cart and now and then checks out, through the front-end's HTTP API (the routes seen in real
# front-end logs: GET /catalogue, GET /catalogue/<id>, GET /login, POST /cart, GET /cart,
# POST /orders, DELETE /cart). Credentials and the mix of tasks come from the environment so the
# same file serves every scenario.
import os
import random

from locust import HttpUser, between, task

USERNAME = os.environ.get("SOCKSHOP_USERNAME", "user")
PASSWORD = os.environ.get("SOCKSHOP_PASSWORD", "password")
BROWSE_WEIGHT = int(os.environ.get("SOCKSHOP_BROWSE_WEIGHT", "6"))
CART_WEIGHT = int(os.environ.get("SOCKSHOP_CART_WEIGHT", "3"))
CHECKOUT_WEIGHT = int(os.environ.get("SOCKSHOP_CHECKOUT_WEIGHT", "1"))


class Shopper(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.sock_ids = []
        self.login()

    def login(self):
        # The front-end forwards the Basic credentials to the user service and sets the
        # logged_in cookie that /cart and /orders rely on.
        with self.client.get("/login", auth=(USERNAME, PASSWORD), name="/login", catch_response=True) as response:
            if response.status_code != 200:
                response.failure("login refused: %s" % response.status_code)

    def catalogue(self):
        with self.client.get("/catalogue?size=10", name="/catalogue", catch_response=True) as response:
            try:
                items = response.json()
            except ValueError:
                response.failure("catalogue is not JSON")
                return []
            ids = [item.get("id") for item in items if isinstance(item, dict) and item.get("id")]
            if ids:
                self.sock_ids = ids
            return ids

    def pick_sock(self):
        ids = self.sock_ids or self.catalogue()
        return random.choice(ids) if ids else None

    @task(BROWSE_WEIGHT)
    def browse(self):
        self.client.get("/", name="/")
        self.catalogue()
        sock = self.pick_sock()
        if sock:
            self.client.get("/catalogue/%s" % sock, name="/catalogue/[id]")

    @task(CART_WEIGHT)
    def add_to_cart(self):
        sock = self.pick_sock()
        if sock:
            self.client.post("/cart", json={"id": sock}, name="/cart")
            self.client.get("/cart", name="/cart")

    @task(CHECKOUT_WEIGHT)
    def checkout(self):
        # One sock in the cart keeps the amount under payment's decline threshold, so a failed
        # order means a failing service, not a declined card.
        self.client.delete("/cart", name="/cart")
        sock = self.pick_sock()
        if not sock:
            return
        self.client.post("/cart", json={"id": sock}, name="/cart")
        with self.client.post("/orders", name="/orders", catch_response=True) as response:
            if response.status_code not in (200, 201):
                response.failure("checkout failed: %s" % response.status_code)
