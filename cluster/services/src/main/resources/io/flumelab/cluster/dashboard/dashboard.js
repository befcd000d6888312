// FlumeLab's dashboard: polls /api/state once a second and updates the page in place. The
// topology is an SVG drawn by Graphviz on the server with an id on every agent, node and edge;
// its last text line on edges and channels is the place of a live counter.
"use strict";

const POLL_MILLIS = 1000;
let drawnVersion = null;

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function showServices(services) {
  document.getElementById("services-summary").textContent = services.summary;
  const body = document.querySelector("#services tbody");
  body.replaceChildren();
  for (const service of services.rows) {
    const row = document.createElement("tr");
    row.id = "service-" + service.name;
    cell(row, service.name);
    const stateClass = { "answers": "ok", "starting": "wait" }[service.state] || "bad";
    cell(row, service.state + (service.detail ? ": " + service.detail : ""), stateClass)
      .className += " state";
    cell(row, service.backend);
    cell(row, service.addresses.join("\n")).style.whiteSpace = "pre";
    body.appendChild(row);
  }
}

function showAgents(agents) {
  document.getElementById("agents-empty").hidden = agents.length > 0;
  const body = document.querySelector("#agents tbody");
  body.replaceChildren();
  for (const agent of agents) {
    const row = document.createElement("tr");
    row.id = "agent-" + agent.id + "-" + agent.pid;
    row.className = agent.state === "running" ? "running" : agent.state === "dead" ? "dead" : "silent";
    row.dataset.agent = agent.id;
    cell(row, agent.id);
    cell(row, agent.state + (agent.reason ? ": " + agent.reason : ""), "state");
    cell(row, String(agent.pid));
    cell(row, agent.received === undefined ? "-" : String(agent.received), "received");
    cell(row, agent.delivered === undefined ? "-" : String(agent.delivered), "delivered");
    cell(row, agent.jobFile);
    const counters = document.createElement("td");
    const link = document.createElement("a");
    link.href = agent.metricsUrl;
    link.textContent = agent.metricsUrl;
    counters.appendChild(link);
    row.appendChild(counters);
    body.appendChild(row);
  }
}

async function showTopology(state) {
  const problem = document.getElementById("topology-problem");
  problem.hidden = !state.topologyProblem || state.agents.length === 0;
  problem.textContent = state.topologyProblem || "";
  if (state.topology !== drawnVersion) {
    const container = document.getElementById("topology");
    const answer = await fetch("api/topology.svg", { cache: "no-store" });
    if (answer.ok) {
      const svg = new DOMParser().parseFromString(await answer.text(), "image/svg+xml");
      container.replaceChildren(document.importNode(svg.documentElement, true));
    } else {
      container.replaceChildren();
    }
    drawnVersion = state.topology;
  }
  for (const [id, text] of Object.entries(state.labels)) {
    const element = document.getElementById(id);
    const lines = element ? element.querySelectorAll("text") : [];
    if (lines.length > 0) {
      lines[lines.length - 1].textContent = text;
      element.classList.add("live");
    }
  }
  for (const agent of state.agents) {
    const down = agent.state !== "running";
    for (const id of agent.elements) {
      const element = document.getElementById(id);
      if (element) {
        element.classList.toggle("dead", down);
      }
    }
  }
}

async function poll() {
  const updated = document.getElementById("updated");
  try {
    const answer = await fetch("api/state", { cache: "no-store" });
    if (!answer.ok) {
      throw new Error("HTTP " + answer.status);
    }
    const state = await answer.json();
    showServices(state.services);
    showAgents(state.agents);
    await showTopology(state);
    updated.textContent = "updated " + new Date(state.generated).toLocaleTimeString();
    updated.className = "muted";
  } catch (e) {
    updated.textContent = "the dashboard does not answer (" + e.message + "); is it still running?";
    updated.className = "problem";
  } finally {
    setTimeout(poll, POLL_MILLIS);
  }
}

poll();
